export async function run(_argv: string[]): Promise<number> {
  console.error('roundtrip replay: not built yet')
  return 2
}
