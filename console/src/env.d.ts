// Vite imports CSS for its side effect (a <link> in the built index.html).
declare module '*.css';
