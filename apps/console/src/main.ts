import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  // The app failed to boot: the browser console is the only place left to report it.
  // eslint-disable-next-line no-console
  console.error(error);
});
