/** An "i" in a circle, drawn as SVG: the ⓘ character is missing from many system fonts. */
export function InfoIcon({ className }: { className?: string }) {
  return (
    <svg
      className={className}
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
    >
      <circle cx="8" cy="8" r="6.75" />
      <path d="M8 7.25v4" />
      <circle cx="8" cy="4.75" r="0.5" fill="currentColor" />
    </svg>
  );
}
