/** Electron entry point. All decisions live in main/shell, main/security and main/core. */
import { runApp } from './shell/app-lifecycle';

runApp();
