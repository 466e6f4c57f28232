// Electron entry: lifecycle and wiring only.
import { app } from 'electron'

app.whenReady().then(() => {
  // filled in by the desktop-app work
})
