// Entry: pick the transport (IPC inside Electron, the web API in a browser), make the store, render.
import { createRoot } from 'react-dom/client'
import { createClient } from './api/client'
import { App } from './app/App'
import { createRoundtripStore } from './store'
import './styles/app.css'
import './styles/timeline.css'
import './styles/sessions.css'
import './styles/firstrun.css'

async function start(): Promise<void> {
  const root = document.getElementById('root')
  if (!root) return
  const store = createRoundtripStore()
  document.documentElement.lang = store.getState().lang
  store.subscribe((s, prev) => {
    if (s.lang !== prev.lang) document.documentElement.lang = s.lang
  })
  const client = await createClient()
  createRoot(root).render(<App client={client} store={store} />)
}

void start()
