// How the tests launch Debian's Chromium (nothing is downloaded): the config's default, and
// the base a spec adds flags to (the fake camera).
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run',
  ],
};
