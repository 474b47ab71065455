/** A REST call that wraps after its slashes, never inside a name. */
export function BreakableCall({ call }: { call: string }) {
  const parts = call.split('/');
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}
