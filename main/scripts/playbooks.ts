/**
 * The two playbooks Nextcall ships, as the same documents a team lead writes (YAML): BANT, and
 * permission-based. They are data, parsed and validated like any imported script, and a team
 * lead replaces them by importing their own.
 */
const OPENERS = `
openers:
  - when: { activity: call-request }
    say: "Hi {{lead.firstName|there}}, you asked us to give you a call — what prompted it?"
  - when: { activity: demo-request }
    say: "Hi {{lead.firstName|there}}, you asked for a demo — what would you most like to see?"
  - when: { activity: ebook-download }
    say: "Hi {{lead.firstName|there}}, I see you downloaded our guide \\"{{activity.latest.title}}\\" — what were you looking for help with?"
  - when: { activity: webinar }
    say: "Hi {{lead.firstName|there}}, thanks for joining our webinar \\"{{activity.latest.title}}\\" — what did you want to get out of it?"
  - when: { activity: pricing-visit }
    say: "Hi {{lead.firstName|there}}, I see you were looking at our pricing — what are you comparing us with?"
  - when: { source: referral }
    say: "Hi {{lead.firstName|there}}, a colleague of yours suggested we talk — may I ask what you are working on?"
  - say: "Hi {{lead.firstName|there}}, thanks for picking up — do you have two minutes?"
`;

export const BANT_PLAYBOOK = `id: bant
name: BANT — budget, authority, need, timeline
description: Sales-ready when the lead has a need, a budget, a say in the decision and a timeline within 90 days.
${OPENERS}
steps:
  - id: need
    ask: "What problem are you trying to solve at {{lead.company|your company}}?"
    type: text
  - id: budget
    ask: Is there a budget set aside for this?
    type: yes-no
  - id: authority
    ask: Who decides on a purchase like this?
    type: one-of
    options: [You decide, You and others decide, Someone else decides]
    branches:
      Someone else decides: decision-maker
    next: timeline
  - id: decision-maker
    ask: Who is that, and can we bring them into the next call?
    type: text
  - id: timeline
    ask: When do you want a solution in place?
    type: date
  - id: wrap-up
    say: "Thank you, {{lead.firstName|}} — I will tell you what happens next."

criteria:
  - id: need
    label: "Need: a problem we solve"
    when: { answer: need, answered: true }
  - id: budget
    label: "Budget: set aside"
    when: { answer: budget, equals: "yes" }
  - id: authority
    label: "Authority: decides, or shares the decision"
    when: { answer: authority, in: [You decide, You and others decide] }
  - id: timeline
    label: "Timeline: within 90 days"
    when: { answer: timeline, withinDays: 90 }

recommend:
  - disposition: qualified
    all: [need, budget, authority, timeline]
    because: "BANT met: need, budget, authority, and a timeline within 90 days"
  - disposition: interested-not-yet
    all: [need]
    because: "A need, but not yet the budget, the authority or the timeline"
`;

export const PERMISSION_PLAYBOOK = `id: permission
name: Permission-based — would you like a specialist to call you?
description: One question. Yes is sales-ready; no goes back to marketing.
${OPENERS}
steps:
  - id: specialist
    ask: Would you like one of our specialists to call you?
    type: yes-no
    branches:
      "no": why-not-now
    next: best-time
  - id: best-time
    ask: When is a good time for them to call?
    type: text
    required: false
    next: thanks
  - id: why-not-now
    ask: No problem — is it the timing, or is it not a fit?
    type: one-of
    options: [Timing, Not a fit]
  - id: thanks
    say: "Thank you, {{lead.firstName|}} — have a good day."

criteria:
  - id: permission
    label: Wants a specialist to call
    when: { answer: specialist, equals: "yes" }
  - id: declined
    label: Does not want a call now
    when: { answer: specialist, equals: "no" }

recommend:
  - disposition: qualified
    all: [permission]
    because: The lead asked for a specialist's call
  - disposition: not-interested
    all: [declined]
    because: The lead declined; back to marketing
`;

export const BUILT_IN_PLAYBOOKS = [BANT_PLAYBOOK, PERMISSION_PLAYBOOK];
