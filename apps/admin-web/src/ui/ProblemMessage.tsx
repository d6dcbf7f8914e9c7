import { ApiError } from '../api/client';

/** What went wrong, in words: the API's detail and each field it refused. */
export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error : new ApiError(0, (error as Error).message ?? String(error));
  return (
    <div className="problem" role="alert">
      <p>{problem.message}</p>
      {problem.fields.length > 0 && (
        <ul>
          {problem.fields.map((field) => (
            <li key={`${field.field}:${field.message}`}>
              {field.field ? <code>{field.field}</code> : null} {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message of one field, for the input that names it. */
export const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.fields.find((candidate) => candidate.field === field)?.message : undefined;
