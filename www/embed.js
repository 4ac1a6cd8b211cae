/* csp-radar embed loader. Load once per page:
 *
 *   <script src="/csp-radar/embed.js"></script>
 *   <div class="csp-radar" data-profile="tencent-cloud" data-preset="clinical" data-compare="a,b"></div>
 *
 * Every div.csp-radar becomes an independent widget in its own open shadow
 * root (no CSS leaks either way). JS API:
 *
 *   const handle = CspRadar.mount(element, {profile, preset, compare, profileUrl, link, appUrl});
 *   await handle.ready;          // the wasm is loaded and the widget drawn
 *   handle.state();              // {provider, overall, band, coverage, domains, gaps, link, ...}
 *   handle.setProfile(jsonText); // [] when loaded, else the located errors
 *   handle.destroy();
 *   element.addEventListener('csp-radar:change', e => e.detail);
 *
 * A classic script on purpose: MediaWiki's ResourceLoader and older wiki
 * skins load classic scripts; the wasm glue (csp-radar-embed.js, the app
 * built with the mount API) is an ES module, imported on demand from beside
 * this file.
 */
(function () {
  'use strict';
  if (window.CspRadar) return;

  var script = document.currentScript;
  var base = new URL('.', script && script.src ? script.src : location.href);
  var loading = null;

  function load() {
    if (!loading) {
      loading = import(new URL('csp-radar-embed.js', base).href).then(function (glue) {
        return glue.default({ module_or_path: new URL('csp-radar-embed_bg.wasm', base) }).then(function () {
          return glue;
        });
      });
    }
    return loading;
  }

  function optionsFrom(element) {
    var d = element.dataset;
    return { profile: d.profile, preset: d.preset, compare: d.compare, profileUrl: d.profileUrl, link: d.link, pageUrl: d.pageUrl, pageTitle: d.pageTitle, save: d.save };
  }

  function mount(element, options) {
    if (element.cspRadar) element.cspRadar.destroy();
    options = Object.assign({ appUrl: new URL('index.html', base).href }, options || {});
    var inner = null;
    var destroyed = false;
    var handle = {
      ready: null,
      state: function () { return inner ? inner.state() : null; },
      setProfile: function (json) {
        if (typeof json !== 'string') {
          return ['setProfile(json) takes the profile as JSON text; pass JSON.stringify(profile)'];
        }
        if (inner) return inner.setProfile(json);
        return handle.ready.then(function () { return inner ? inner.setProfile(json) : ['destroyed']; });
      },
      destroy: function () {
        destroyed = true;
        if (inner) { inner.destroy(); inner.free(); inner = null; }
        if (element.cspRadar === handle) delete element.cspRadar;
      }
    };
    handle.ready = load().then(function (glue) {
      if (!destroyed) inner = glue.mount(element, options);
      return handle;
    }).catch(function (error) {
      element.textContent = 'csp-radar could not start: ' + error;
      throw error;
    });
    element.cspRadar = handle;
    return handle;
  }

  function mountAll(root) {
    var found = (root || document).querySelectorAll('div.csp-radar');
    var handles = [];
    for (var i = 0; i < found.length; i++) {
      if (!found[i].cspRadar) handles.push(mount(found[i], optionsFrom(found[i])));
    }
    return handles;
  }

  window.CspRadar = { mount: mount, mountAll: mountAll };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { mountAll(); });
  } else {
    mountAll();
  }
})();
