// Preferences that stop Firefox's own background traffic in the throwaway profile, so the capture
// holds what the page did and not Firefox talking to Mozilla. They are the switches Mozilla's own
// automation (Marionette's recommended preferences) and enterprise policies flip: telemetry, remote
// settings, push, captive portal and connectivity checks, Safe Browsing list updates, Normandy and
// studies, Contile (sponsored tiles), geolocation and region lookups, add-on and update checks.
// What still slips through is marked browser-internal on the exchange (see internal-hosts.ts).

const OFF = ''

/**
 * Release builds ignore a changed remote-settings server unless this is set in Firefox's
 * environment (the switch Mozilla's own remote-settings tools use).
 */
export const FIREFOX_QUIET_ENV: Record<string, string> = { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' }

export function firefoxQuietPrefs(): Record<string, string | number | boolean> {
  return {
    // Telemetry and health reports.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    // A server that is not one: nothing can be sent (an empty value falls back to Mozilla's).
    'toolkit.telemetry.server': 'data:,',
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.updatePing.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    // Glean (Firefox on Glean): -1 makes every upload succeed without sending anything.
    'telemetry.fog.test.localhost_port': -1,
    'toolkit.coverage.opt-out': true,
    'toolkit.coverage.endpoint.base': OFF,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.tabs.crashReporting.sendReport': false,
    'breakpad.reportURL': OFF,
    // Remote settings (the dummy server is what Marionette uses) and experiments.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'messaging-system.rsexperimentloader.enabled': false,
    'app.normandy.enabled': false,
    'app.normandy.api_url': OFF,
    'app.shield.optoutstudies.enabled': false,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.certerrors.mitm.priming.enabled': false,
    // Push.
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': OFF,
    // Captive portal and connectivity checks.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'captivedetect.canonicalURL': OFF,
    // Safe Browsing and tracking-protection list updates.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.passwords.enabled': false,
    'browser.safebrowsing.provider.google.updateURL': OFF,
    'browser.safebrowsing.provider.google.gethashURL': OFF,
    'browser.safebrowsing.provider.google4.updateURL': OFF,
    'browser.safebrowsing.provider.google4.gethashURL': OFF,
    'browser.safebrowsing.provider.mozilla.updateURL': OFF,
    'browser.safebrowsing.provider.mozilla.gethashURL': OFF,
    // New tab page, Contile (sponsored tiles), Pocket, suggestions.
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.asrouter.providers.cfr': OFF,
    'browser.topsites.contile.enabled': false,
    'browser.topsites.contile.endpoint': OFF,
    'extensions.pocket.enabled': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.urlbar.suggest.quicksuggest.sponsored': false,
    'browser.discovery.enabled': false,
    'browser.uitour.enabled': false,
    'browser.translations.enable': false,
    'browser.shopping.experience2023.enabled': false,
    'signon.management.page.breach-alerts.enabled': false,
    'identity.fxaccounts.enabled': false,
    // Geolocation, region and search-engine lookups.
    'geo.enabled': false,
    'geo.provider.network.url': OFF,
    'geo.provider.use_gpsd': false,
    'geo.provider.use_geoclue': false,
    'browser.region.network.url': OFF,
    'browser.region.update.enabled': false,
    'browser.search.geoip.url': OFF,
    'browser.search.update': false,
    // Updates of Firefox, add-ons, system add-ons and media plugins; certificate status checks.
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.update.checkInstallTime': false,
    'app.update.disabledForTesting': true,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.blocklist.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.getAddons.discovery.api_url': OFF,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': OFF,
    'media.gmp-manager.url': OFF,
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'security.OCSP.enabled': 0,
    // Guesses and warm-ups that open connections nobody asked for; DNS over HTTPS off.
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.trr.mode': 5
  }
}
