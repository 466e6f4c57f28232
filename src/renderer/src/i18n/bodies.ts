// Words for bodies fetched by id (the live feed ships exchanges without their bytes) and for a big
// capture arriving in parts.
export const bodies = {
  en: {
    'body.loading': 'Fetching the body ({size} bytes)…',
    'body.failed': 'The body could not be fetched: {error}',
    'body.unavailable': 'This window cannot fetch bodies; save the capture as HAR to read them.',
    'capture.loading': 'Loading the capture: {loaded} of {total} exchanges…'
  },
  ko: {
    'body.loading': '본문을 가져오는 중({size}바이트)…',
    'body.failed': '본문을 가져오지 못했습니다: {error}',
    'body.unavailable': '이 창에서는 본문을 가져올 수 없습니다. 캡처를 HAR로 저장해 읽으세요.',
    'capture.loading': '캡처를 불러오는 중: 교환 {total}개 중 {loaded}개…'
  }
} as const
