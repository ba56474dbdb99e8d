import { describeError } from './use-resource';

/** A failed action, with every detail the API gave. */
export function ErrorNotice({ error }: { readonly error: unknown }) {
  if (!error) return null;
  const { message, details } = describeError(error);
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail, index) => (
            <li key={index}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
