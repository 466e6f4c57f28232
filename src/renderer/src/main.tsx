import { createRoot } from 'react-dom/client'

function App(): React.JSX.Element {
  return <h1>Roundtrip</h1>
}

const root = document.getElementById('root')
if (root) createRoot(root).render(<App />)
