// Strings for hiding the browser's own background traffic (updates, telemetry, Safe Browsing).
export const browserInternal = {
  en: {
    'filter.hideBrowserInternal': 'Hide browser background traffic',
    'filter.hideBrowserInternal.title':
      'Requests a browser makes on its own (updates, telemetry, Safe Browsing lists), not for the page'
  },
  ko: {
    'filter.hideBrowserInternal': '브라우저 백그라운드 요청 숨기기',
    'filter.hideBrowserInternal.title':
      '페이지가 아니라 브라우저가 스스로 보내는 요청(업데이트, 텔레메트리, 세이프 브라우징 목록)'
  }
}
