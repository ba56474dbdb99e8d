import { safetyGuide } from '@candor/shared';

/** "Staying safe online" as the JavaScript pages describe it (Quick exit blanks the page and replaces it in the history). */
export function SafetyGuideView({ locale, headingRef }: { readonly locale: string; readonly headingRef?: React.Ref<HTMLHeadingElement> }) {
  const guide = safetyGuide(locale, 'script');
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {guide.title}
      </h1>
      <p>{guide.intro}</p>
      {guide.sections.map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          <ul>
            {section.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
