export { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoData, type DemoLoadOptions } from './demo.service.js';
export { generateDemoData, DEMO_ENTERPRISE_NAME } from './demo.generate.js';
