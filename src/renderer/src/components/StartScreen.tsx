// The start screen: where the proxy listens, how to send traffic through it, the sample site.
import { useState } from 'react'
import { t } from '../i18n'
import { useRoundtrip, useRoundtripPick } from '../store'
import { BrowserButtons } from './BrowserButtons'
import { Explain } from './Explain'
import { LiveTraffic } from './LiveTraffic'
import { ProxyPortForm } from './ProxyPortForm'

export const SAMPLE_URL = 'http://roundtrip.test/'

function CopyButton(props: { text: string }): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const [copied, setCopied] = useState(false)
  const copy = (): void => {
    navigator.clipboard?.writeText(props.text).then(
      () => setCopied(true),
      () => setCopied(false)
    )
  }
  return (
    <button type="button" className="copy" onClick={copy}>
      {copied ? t(lang, 'action.copied') : t(lang, 'action.copy')}
    </button>
  )
}

export function StartScreen(): React.JSX.Element {
  const { lang, info } = useRoundtripPick('lang', 'info')
  const proxy = info?.proxy ?? '…'
  const curl = `curl -x ${proxy} ${SAMPLE_URL}`
  return (
    <section className="start">
      <h1>{t(lang, 'start.heading')}</h1>
      {info?.notice && (
        <p className="notice" role="status">
          {t(lang, 'start.notice')}: {info.notice}
        </p>
      )}
      <LiveTraffic />
      <div className="start-card">
        <h2>{t(lang, 'start.proxy')}</h2>
        <p className="address">
          <code data-testid="proxy-address">{proxy}</code> <CopyButton text={proxy} />
        </p>
        <ProxyPortForm />
        <p>{t(lang, 'start.browser')}</p>
        <p>{t(lang, 'start.curl')}</p>
        <p className="address">
          <code>{curl}</code> <CopyButton text={curl} />
        </p>
      </div>
      <div className="start-card">
        <BrowserButtons />
        <a className="button primary" href={SAMPLE_URL} target="_blank" rel="noopener noreferrer">
          {t(lang, 'start.openSample')}
        </a>
        <p className="hint">{t(lang, 'start.sampleHint')}</p>
      </div>
      <Explain topic="cookie" />
    </section>
  )
}
