/**
 * "Staying safe online": what Quick exit and the no-trace pages do and — honestly — what
 * they cannot hide. One text for the JavaScript page (/safety) and the server-rendered one
 * (/f/safety), in English and Spanish.
 */
export interface SafetyGuide {
  readonly title: string;
  readonly intro: string;
  readonly sections: readonly { readonly heading: string; readonly points: readonly string[] }[];
}

/**
 * `script`: pages running their script (Quick exit blanks the page and replaces it in the
 * history). `plain`: the form without JavaScript, where Quick exit is an ordinary link —
 * the text says exactly what that can and cannot do.
 */
export type SafetyPath = 'script' | 'plain';

const PLAIN_EXIT = {
  en: [
    'Press the “Quick exit” link at the top of every page. (Without JavaScript, pressing Shift three times does nothing.)',
    'The browser goes to a neutral page (the weather). Without JavaScript the survey stays on screen until that page loads.',
    'It asks the browser to clear what this site kept: cache, cookies and storage. The survey keeps none of these, but this makes sure.',
    '“Back” can return to the survey’s address, but never to your answers: it shows the survey’s first page, or a page saying the form has expired. Your answers are not stored on the device or shown again.',
  ],
  es: [
    'Pulsa el enlace «Salida rápida» arriba en cada página. (Sin JavaScript, pulsar Mayúsculas tres veces no hace nada).',
    'El navegador va a una página neutral (el tiempo). Sin JavaScript, la encuesta sigue en pantalla hasta que esa página carga.',
    'Pide al navegador que borre lo que este sitio guardó: caché, cookies y almacenamiento. La encuesta no guarda nada de eso, pero así queda limpio.',
    '«Atrás» puede volver a la dirección de la encuesta, pero nunca a tus respuestas: muestra la primera página o una página que dice que el formulario caducó. Tus respuestas no se guardan en el dispositivo ni se vuelven a mostrar.',
  ],
} as const;

export function safetyGuide(locale: string, path: SafetyPath = 'script'): SafetyGuide {
  const guide = scriptGuide(locale);
  if (path === 'script') return guide;
  const [first, ...rest] = guide.sections;
  return {
    ...guide,
    sections: [{ heading: (first as SafetyGuide['sections'][number]).heading, points: PLAIN_EXIT[locale === 'es' ? 'es' : 'en'] }, ...rest],
  };
}

function scriptGuide(locale: string): SafetyGuide {
  if (locale === 'es') {
    return {
      title: 'Cómo protegerte en línea',
      intro: 'Esta página explica qué hace «Salida rápida», qué no puede ocultar y qué puedes hacer tú.',
      sections: [
        {
          heading: 'Lo que hace Salida rápida',
          points: [
            'Pulsa el botón «Salida rápida» o la tecla Mayúsculas tres veces seguidas.',
            'La página se vacía al instante y el navegador va a una página neutral (el tiempo).',
            'Pide al navegador que borre lo que este sitio guardó: caché, cookies y almacenamiento. La encuesta no guarda nada de eso, pero así queda limpio.',
            'Sustituye la página de la encuesta en el historial, así que «Atrás» no vuelve a ella.',
          ],
        },
        {
          heading: 'Lo que NO puede ocultar',
          points: [
            'No borra el historial del navegador: las páginas que visitaste antes de la encuesta, y a veces la dirección de la encuesta, pueden seguir ahí.',
            'No oculta nada a quien controle tu red (wifi del trabajo, de la casa o tu compañía de teléfono), ni a programas espía instalados en el teléfono.',
            'No cierra otras pestañas ni borra capturas de pantalla o mensajes con el enlace.',
          ],
        },
        {
          heading: 'Lo que puedes hacer',
          points: [
            'Usa una ventana privada o de incógnito: al cerrarla, el navegador olvida lo que visitaste.',
            'Si alguien revisa tu teléfono, borra esta página del historial después, o el historial entero.',
            'Si puedes, usa un dispositivo que nadie más revise, o el de una organización de confianza.',
            'Tor Browser funciona con esta encuesta, también con JavaScript desactivado.',
          ],
        },
      ],
    };
  }
  return {
    title: 'Staying safe online',
    intro: 'This page explains what “Quick exit” does, what it cannot hide, and what you can do.',
    sections: [
      {
        heading: 'What Quick exit does',
        points: [
          'Press the “Quick exit” button, or press the Shift key three times in a row.',
          'The page goes blank at once and the browser goes to a neutral page (the weather).',
          'It asks the browser to clear what this site kept: cache, cookies and storage. The survey keeps none of these, but this makes sure.',
          'It replaces the survey page in your history, so “Back” does not return to it.',
        ],
      },
      {
        heading: 'What it can NOT hide',
        points: [
          'It does not erase your browser history: pages you visited before the survey, and sometimes the survey’s address, can still be there.',
          'It hides nothing from whoever runs your network (work or home wifi, your phone company) or from spying apps on the phone.',
          'It does not close other tabs or remove screenshots or messages with the link.',
        ],
      },
      {
        heading: 'What you can do',
        points: [
          'Use a private or incognito window: when you close it, the browser forgets what you visited.',
          'If someone checks your phone, delete this page from your history afterwards, or clear the whole history.',
          'If you can, use a device nobody else checks, or one at an organization you trust.',
          'Tor Browser works with this survey, also with JavaScript turned off.',
        ],
      },
    ],
  };
}
