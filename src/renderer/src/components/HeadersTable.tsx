// Headers exactly as they crossed the wire: in order, duplicates kept, values as text.
import type { HeaderPair } from '../../../shared/model'
import { SafeText } from './SafeText'

export function HeadersTable(props: { headers: HeaderPair[] | undefined; label: string }): React.JSX.Element {
  const headers = props.headers ?? []
  return (
    <table className="kv headers" aria-label={props.label}>
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">
              <SafeText value={name} max={200} />
            </th>
            <td>
              <SafeText value={value} header />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
