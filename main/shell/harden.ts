import { app, shell, type Session } from 'electron';
import { openDialLinkOnly } from './dial-guard.ts';
import { grantsPermission } from './permissions.ts';

/**
 * Electron's security checklist, applied to every web contents the app ever creates:
 * no navigation away from the app, no new windows, no webviews, and no permission but those
 * permissions.ts names (notifications for due callbacks, writing the clipboard for Y, the
 * microphone for the softphone), to the app's own page. A dial link clicked in the page is the
 * one thing that leaves, through the dial guard, and only for a number whose dial the core has
 * just accepted (`mayDial`).
 */
export function hardenApp(session: Session, mayDial: (e164: string) => boolean = () => false): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(grantsPermission(permission, { address: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined })),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    grantsPermission(permission, {
      address: details.requestingUrl ?? requestingOrigin,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaType ? [details.mediaType] : undefined,
    }),
  );

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      openDialLinkOnly(url, shell.openExternal, mayDial);
    });
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openDialLinkOnly(url, shell.openExternal, mayDial);
      return { action: 'deny' };
    });
  });
}
