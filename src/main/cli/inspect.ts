export async function run(_argv: string[]): Promise<number> {
  console.error('roundtrip inspect: not built yet')
  return 2
}
