/**
 * The time zone of each state or province (ISO 3166-2 code) of the countries that span several
 * zones, as a team lead calling there would pick it. A subdivision split between two zones gets
 * the zone most of its people live in (Florida: Eastern, Tennessee: Central, Indiana: Eastern,
 * Chihuahua: the city's, not Juárez's). Names and codes come from the iso-3166 package
 * (region-zones.ts); only the choice of zone is ours. A subdivision absent here (the US Minor
 * Outlying Islands, which span several) leaves the zone to the lead's number.
 */
const ZONES: [zone: string, subdivisions: string][] = [
  // United States, its territories
  ['America/New_York', 'US-CT US-DE US-DC US-FL US-GA US-KY US-ME US-MD US-MA US-NH US-NJ US-NY US-NC US-OH US-PA US-RI US-SC US-VT US-VA US-WV'],
  ['America/Chicago', 'US-AL US-AR US-IL US-IA US-KS US-LA US-MN US-MS US-MO US-NE US-ND US-OK US-SD US-TN US-TX US-WI'],
  ['America/Denver', 'US-CO US-MT US-NM US-UT US-WY'],
  ['America/Los_Angeles', 'US-CA US-NV US-OR US-WA'],
  ['America/Anchorage', 'US-AK'],
  ['America/Phoenix', 'US-AZ'],
  ['Pacific/Honolulu', 'US-HI'],
  ['America/Boise', 'US-ID'],
  ['America/Indiana/Indianapolis', 'US-IN'],
  ['America/Detroit', 'US-MI'],
  ['America/Puerto_Rico', 'US-PR'],
  ['America/St_Thomas', 'US-VI'],
  ['Pacific/Guam', 'US-GU'],
  ['Pacific/Saipan', 'US-MP'],
  ['Pacific/Pago_Pago', 'US-AS'],
  // Canada
  ['America/Toronto', 'CA-ON CA-QC'],
  ['America/Halifax', 'CA-NS CA-PE'],
  ['America/Moncton', 'CA-NB'],
  ['America/St_Johns', 'CA-NL'],
  ['America/Winnipeg', 'CA-MB'],
  ['America/Regina', 'CA-SK'],
  ['America/Edmonton', 'CA-AB'],
  ['America/Vancouver', 'CA-BC'],
  ['America/Yellowknife', 'CA-NT'],
  ['America/Iqaluit', 'CA-NU'],
  ['America/Whitehorse', 'CA-YT'],
  // Australia
  ['Australia/Sydney', 'AU-ACT AU-NSW'],
  ['Australia/Melbourne', 'AU-VIC'],
  ['Australia/Brisbane', 'AU-QLD'],
  ['Australia/Adelaide', 'AU-SA'],
  ['Australia/Darwin', 'AU-NT'],
  ['Australia/Perth', 'AU-WA'],
  ['Australia/Hobart', 'AU-TAS'],
  // Brazil
  ['America/Sao_Paulo', 'BR-SP BR-RJ BR-MG BR-ES BR-PR BR-SC BR-RS BR-GO BR-DF'],
  ['America/Bahia', 'BR-BA'],
  ['America/Fortaleza', 'BR-CE BR-MA BR-PI BR-RN BR-PB'],
  ['America/Recife', 'BR-PE'],
  ['America/Maceio', 'BR-AL BR-SE'],
  ['America/Belem', 'BR-PA BR-AP'],
  ['America/Araguaina', 'BR-TO'],
  ['America/Campo_Grande', 'BR-MS'],
  ['America/Cuiaba', 'BR-MT'],
  ['America/Manaus', 'BR-AM'],
  ['America/Porto_Velho', 'BR-RO'],
  ['America/Boa_Vista', 'BR-RR'],
  ['America/Rio_Branco', 'BR-AC'],
  // Mexico
  ['America/Mexico_City', 'MX-AGU MX-CMX MX-COL MX-CHP MX-GRO MX-GUA MX-HID MX-JAL MX-MEX MX-MIC MX-MOR MX-OAX MX-PUE MX-QUE MX-SLP MX-TAB MX-TLA MX-VER MX-ZAC'],
  ['America/Monterrey', 'MX-COA MX-DUR MX-NLE MX-TAM'],
  ['America/Merida', 'MX-CAM MX-YUC'],
  ['America/Cancun', 'MX-ROO'],
  ['America/Mazatlan', 'MX-BCS MX-NAY MX-SIN'],
  ['America/Chihuahua', 'MX-CHH'],
  ['America/Hermosillo', 'MX-SON'],
  ['America/Tijuana', 'MX-BCN'],
  // Russia
  [
    'Europe/Moscow',
    'RU-AD RU-ARK RU-BEL RU-BRY RU-CE RU-CU RU-DA RU-IN RU-IVA RU-KB RU-KC RU-KDA RU-KL RU-KLU RU-KO RU-KOS RU-KR RU-KRS RU-LEN RU-LIP RU-ME RU-MO RU-MOS RU-MOW ' +
      'RU-MUR RU-NEN RU-NGR RU-NIZ RU-ORL RU-PNZ RU-PSK RU-ROS RU-RYA RU-SE RU-SMO RU-SPE RU-STA RU-TA RU-TAM RU-TUL RU-TVE RU-VLA RU-VLG RU-VOR RU-YAR',
  ],
  ['Europe/Kaliningrad', 'RU-KGD'],
  ['Europe/Kirov', 'RU-KIR'],
  ['Europe/Volgograd', 'RU-VGG'],
  ['Europe/Samara', 'RU-SAM RU-UD'],
  ['Europe/Astrakhan', 'RU-AST'],
  ['Europe/Saratov', 'RU-SAR'],
  ['Europe/Ulyanovsk', 'RU-ULY'],
  ['Asia/Yekaterinburg', 'RU-BA RU-CHE RU-KGN RU-KHM RU-ORE RU-PER RU-SVE RU-TYU RU-YAN'],
  ['Asia/Omsk', 'RU-OMS'],
  ['Asia/Novosibirsk', 'RU-NVS'],
  ['Asia/Barnaul', 'RU-AL RU-ALT'],
  ['Asia/Tomsk', 'RU-TOM'],
  ['Asia/Novokuznetsk', 'RU-KEM'],
  ['Asia/Krasnoyarsk', 'RU-KK RU-KYA RU-TY'],
  ['Asia/Irkutsk', 'RU-BU RU-IRK'],
  ['Asia/Chita', 'RU-ZAB'],
  ['Asia/Yakutsk', 'RU-AMU RU-SA'],
  ['Asia/Vladivostok', 'RU-KHA RU-PRI RU-YEV'],
  ['Asia/Sakhalin', 'RU-SAK'],
  ['Asia/Magadan', 'RU-MAG'],
  ['Asia/Kamchatka', 'RU-KAM'],
  ['Asia/Anadyr', 'RU-CHU'],
];

/** ISO 3166-2 code ("US-NY") → IANA zone. */
export const SUBDIVISION_ZONES: ReadonlyMap<string, string> = new Map(ZONES.flatMap(([zone, codes]) => codes.split(' ').map((code) => [code, zone] as const)));

/** The countries whose subdivisions this table places: a state or province there decides the zone. */
export const ZONED_COUNTRIES: ReadonlySet<string> = new Set([...SUBDIVISION_ZONES.keys()].map((code) => code.slice(0, 2)));
