// Headers exactly as they crossed the wire: in order, duplicates kept, values as text.
import type { HeaderPair } from '../../../shared/model'

export function HeadersTable(props: { headers: HeaderPair[] | undefined; label: string }): React.JSX.Element {
  const headers = props.headers ?? []
  return (
    <table className="kv headers" aria-label={props.label}>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
