// Inputs generated from a provider's credential or config shape (served by the service from the
// provider catalog). Secret fields are password inputs (or a masked textarea for PEM keys) and
// their values live only in this form's state until they are sent.
import type { ShapeField } from '../lib/api-types.ts';

export function ShapeFields(props: {
  idPrefix: string;
  fields: ShapeField[];
  values: Record<string, string>;
  onChange(values: Record<string, string>): void;
  legend: string;
}) {
  const { fields, values, onChange, idPrefix } = props;
  if (!fields.length) return null;
  const set = (name: string, v: string) => onChange({ ...values, [name]: v });
  return (
    <fieldset className="shape">
      <legend>{props.legend}</legend>
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const help = f.description ? `${id}-help` : undefined;
        const common = {
          id,
          name: f.name,
          required: f.required,
          value: values[f.name] ?? '',
          'aria-describedby': help,
          autoComplete: 'off',
          spellCheck: false,
        } as const;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>
              {f.label}
              {f.required ? '' : ' (optional)'}
              {f.secret ? <span className="secret-tag"> · secret</span> : null}
            </label>
            {f.input === 'textarea' ? (
              <textarea {...common} rows={5} className={`mono${f.secret ? ' secret-input' : ''}`} onChange={(e) => set(f.name, e.target.value)} />
            ) : f.input === 'select' ? (
              <select {...common} onChange={(e) => set(f.name, e.target.value)}>
                <option value="">{f.required ? 'Choose…' : '(default)'}</option>
                {f.options?.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={f.input === 'password' ? 'password' : f.input === 'url' ? 'url' : 'text'}
                autoComplete={f.secret ? 'new-password' : 'off'}
                maxLength={f.maxLength}
                className={f.input === 'url' ? 'mono' : undefined}
                onChange={(e) => set(f.name, e.target.value)}
              />
            )}
            {f.description ? (
              <p id={help} className="help">
                {f.description}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

/** Only filled-in fields are sent; an empty optional field is left out. */
export function shapeValues(fields: ShapeField[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v !== undefined && v !== '') out[f.name] = f.input === 'textarea' ? v : v.trim();
  }
  return out;
}

export const shapeComplete = (fields: ShapeField[], values: Record<string, string>) => fields.every((f) => !f.required || (values[f.name] ?? '').trim() !== '');
