/**
 * After a client-side navigation, focus moves to the new page's h1 so screen readers announce the page
 * and keyboard users continue from the top of the content, as after a full page load.
 *
 * The layout marks a navigation in a layout effect (these run before any passive effect). The page's
 * PageHeading takes the focus in its own effect once it is ready (not busy loading data); if no heading
 * took it, the layout's passive effect focuses whatever h1 or <main> there is.
 */
let pending = false;

export function markNavigation(): void {
  pending = true;
}

export function isNavigationPending(): boolean {
  return pending;
}

export function takePendingFocus(): boolean {
  const was = pending;
  pending = false;
  return was;
}
