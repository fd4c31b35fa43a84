/* global window, document */
// Sets the saved (or the system's) colour mode before the app renders, so a dark page never flashes
// white. Chakra's ColorModeScript does the same inline; an inline script would need the CSP to allow it.
(function () {
  try {
    var key = 'chakra-ui-color-mode';
    var apply = function (value) {
      var system = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
      var mode = value === 'system' ? system : value === 'dark' ? 'dark' : 'light';
      var dark = mode === 'dark';
      document.body.classList.add(dark ? 'chakra-ui-dark' : 'chakra-ui-light');
      document.body.classList.remove(dark ? 'chakra-ui-light' : 'chakra-ui-dark');
      document.documentElement.style.colorScheme = mode;
      document.documentElement.dataset.theme = mode;
      return mode;
    };
    var saved = localStorage.getItem(key);
    if (saved) apply(saved);
    else localStorage.setItem(key, apply('system'));
  } catch {
    // Private mode without storage: Chakra picks the mode itself once it starts.
  }
})();
