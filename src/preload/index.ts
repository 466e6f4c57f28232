// One exposed function per IPC channel; nothing generic.
export {}
