import type { Session, WebContents } from 'electron';
import { isAppUrl } from '../security/url-policy';

/**
 * Navigation, new windows, webviews and permission requests are all denied. A web page
 * leaves the app only through the `app.openLink` channel, which names what to open by id
 * (main builds the URL), so a script cannot send data out in a URL it wrote.
 */
export function hardenWebContents(contents: WebContents, devServerUrl?: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
