export { composeForTest } from '../../support/compose-for-test';
