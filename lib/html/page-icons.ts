/** The icon links for the plain HTML pages the LTI endpoints answer with (public/, app/icon.svg). */
export const PAGE_ICONS = '<link rel="icon" href="/favicon.ico" sizes="32x32"><link rel="icon" href="/icon.svg" type="image/svg+xml">';
