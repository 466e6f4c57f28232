export async function run(_argv: string[]): Promise<number> {
  console.error('roundtrip serve: not built yet')
  return 2
}
