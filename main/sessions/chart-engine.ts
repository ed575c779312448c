import { BarChart } from 'echarts/charts';
import { GridComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the reports draw: bar charts with a title and axes, rendered to SVG (a smaller app bundle).
echarts.use([BarChart, GridComponent, TitleComponent, SVGRenderer]);

export { echarts };
