// The page heading: also the document title, and where focus lands after a navigation so
// keyboard and screen-reader users start at the top of the new screen.
import { type ReactNode, useEffect } from 'react';

export function PageTitle(props: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${props.title} · Switchboard`;
  }, [props.title]);
  return (
    <h1 tabIndex={-1} className="page-title">
      {props.children}
    </h1>
  );
}
