/** A page whose service is not in this release yet: says what it will hold, so navigation is already final. */

export function Placeholder(props: { title: string; children: string }) {
  return (
    <div class="placeholder card" role="note">
      <h2>{props.title}: coming next</h2>
      <p>{props.children}</p>
    </div>
  );
}
