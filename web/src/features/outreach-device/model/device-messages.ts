import { createTranslations } from '../../../lib/i18n/i18n';

/** The outreach device page's strings: staff screens in the staff member's language, the respondent's screens in theirs. */
const en = {
  'device.title': 'Outreach device',
  'device.loading': 'Opening…',
  'device.prepare.title': 'Prepare this device',
  'device.prepare.intro':
    'This keeps the survey on this tablet or phone so respondents can answer without a signal. Each respondent’s written answers are locked with the research team’s key, and all their answers with the server’s key, before they are stored here: nobody holding this device, you included, can read them back. They are sent when you sync. A prepared device works for a limited number of days and responses, shown once it is ready.',
  'device.prepare.label': 'Name of this device (for staff)',
  'device.prepare.labelExample': 'Blue tablet',
  'device.prepare.submit': 'Prepare this device',
  'device.prepare.working': 'Preparing…',
  'device.prepare.signIn': 'Sign in as staff first, then come back to this page.',
  'device.prepare.signInLink': 'Staff sign-in',
  'device.prepare.offlineCopyFailed':
    'The survey is saved, but this browser could not keep an offline copy of the page: keep this tab open while you work.',
  'device.ready': 'Ready: this page works without a signal.',
  'device.sessionEnded':
    'Your staff sign-in on this device has ended: the device keeps only its own token for sending answers. Sign in again to prepare it another time.',
  'device.sessionNotEnded':
    'Your staff sign-in on this device could not be ended: open the staff app and sign out before handing the device to anyone.',
  'device.online': 'Online',
  'device.offline': 'Offline — answers are kept, locked, on this device',
  'device.waiting': '{count} waiting to send',
  'device.waitingNone': 'Nothing waiting to send',
  'device.start': 'Start a respondent ({language})',
  'device.sync': 'Send now',
  'device.syncing': 'Sending…',
  'device.synced': 'Sent {sent}. {left} still waiting.',
  'device.syncStopped.offline': 'No connection: nothing more was sent. Try again when you have a signal.',
  'device.syncStopped.busy': 'The server asked to wait: try again in a minute.',
  'device.syncStopped.revoked':
    'An admin revoked this device: its answers cannot be sent with it. Ask an admin, sign in as staff, then choose “Prepare this device again”; the answers waiting here are kept.',
  'device.syncStopped.expired':
    'This device’s preparation has expired: its answers cannot be sent with it. Sign in as staff, then choose “Prepare this device again”; the answers waiting here are kept.',
  'device.syncStopped.quota':
    'This device has sent as many responses as one prepared device may. Sign in as staff, then choose “Prepare this device again” to send the rest; the answers waiting here are kept.',
  'device.prepareAgain': 'Prepare this device again',
  'device.prepare.againKeeps':
    'Preparing again gives this device a new token for the same survey and a new staff PIN. The {count} answers waiting here are kept and sent with it. Sign in as staff first.',
  'device.prepare.cancel': 'Cancel',
  'device.limits': 'This device can send answers until {date}, {quota} responses at most. After that, prepare it again.',
  'device.refused.title': 'Refused by the server ({count})',
  'device.refused.intro':
    'These answers are kept on the device (still locked) and tried again at each sync. The survey may have changed or closed; tell the research team.',
  'device.refused.item': 'Reason: {code}',
  'device.refused.questions': 'questions: {names}',
  'device.forget': 'Forget this device',
  'device.forgetConfirm': '{count} answers have not been sent and will be lost. Forget this device anyway?',
  'device.forgotten': 'This device holds nothing of the survey any more.',
  'device.notSaved': 'These answers could not be stored on the device. Ask the respondent whether to try again.',
  'device.privacy':
    'Nothing identifying is collected: no name, no location, no device or staff details travel with the answers, which are mixed with every other response.',
  'device.pin.label': 'Staff PIN or passphrase for this device (at least {min} characters or digits)',
  'device.pin.hint':
    'Needed to open the staff screen of this device (what is waiting, sending, forgetting it); respondents do not need it. The device keeps only a slow check value of it, never the PIN. After 10 wrong tries it opens only when a staff member signs in online and prepares it again.',
  'device.pin.repeat': 'Type the PIN again',
  'device.pin.tooShort': 'The PIN must be at least {min} characters or digits long.',
  'device.pin.mismatch': 'The two PINs are not the same.',
  'device.prepare.againKeepsAll':
    'Preparing again gives this device a new token for the same survey and a new staff PIN. The answers waiting here are kept and sent with it. Sign in as staff first.',
  'device.locked.title': 'This device is locked',
  'device.locked.pin': 'Staff PIN',
  'device.locked.unlock': 'Unlock',
  'device.locked.checking': 'Checking…',
  'device.locked.wrong': 'Wrong PIN ({failures} of {max} tries). {left} left before this device stops unlocking here.',
  'device.locked.waitUntil': 'The next try is checked from {time}.',
  'device.locked.out':
    'Too many wrong PINs ({max}): this device no longer unlocks here. A staff member signs in online and prepares it again, with a new PIN; the answers waiting are kept.',
  'device.locked.noPin':
    'This device has no staff PIN: a staff member signs in online and prepares it again to set one; the answers waiting are kept.',
  'device.lock': 'Lock this device',
  'respondent.codeFormat':
    'This does not look like the code on a card: 10 letters and digits, like ABCDE-23456. Check it against your card.',
  'respondent.codeLater': 'There may be no signal here: the code is checked when the device sends your answers.',
  'device.refused.reason.OUTREACH_CODE_INVALID':
    'the code from the card was wrong or already used; these answers cannot be sent without a valid code and stay here, locked',
  'device.refused.reason.OUTREACH_CODE_REQUIRED': 'the survey now asks for a code from a card, and these answers have none',
  'device.refused.reason.VERSION_MISMATCH': 'the survey was changed after these answers were given',
  'device.refused.reason.SURVEY_CLOSED': 'the survey is closed',
  'device.refused.reason.INVALID_ANSWERS': 'the survey no longer accepts some of these answers',
  'neutral.title': 'Notes',
  'neutral.body': 'No notes yet.',
  'neutral.continue': 'Continue',
  'respondent.quickExit': 'Quick exit',
  'respondent.thanks':
    'Thank you. Your answers are locked on this device and will be sent without anything about you. Please hand the device back.',
  'respondent.next': 'Hand back to staff',
  'respondent.label': 'Survey',
  'respondent.stored':
    'On this outreach device your answers are locked as soon as you send them (anything you write with the research team’s key, all of it with the research server’s key): the staff member cannot read them, and they are erased from the device once they are sent.',
} as const;

type DeviceMessageKey = keyof typeof en;

const es: Record<DeviceMessageKey, string> = {
  'device.title': 'Dispositivo de alcance',
  'device.loading': 'Abriendo…',
  'device.prepare.title': 'Preparar este dispositivo',
  'device.prepare.intro':
    'Guarda la encuesta en esta tableta o teléfono para que se pueda responder sin señal. Lo que cada persona escribe se cierra con la clave del equipo de investigación, y todas sus respuestas con la clave del servidor, antes de guardarse aquí: nadie que tenga este dispositivo, ni tú, puede volver a leerlas. Se envían cuando sincronizas. Un dispositivo preparado sirve durante un número limitado de días y de respuestas, que verás cuando esté listo.',
  'device.prepare.label': 'Nombre de este dispositivo (para el equipo)',
  'device.prepare.labelExample': 'Tableta azul',
  'device.prepare.submit': 'Preparar este dispositivo',
  'device.prepare.working': 'Preparando…',
  'device.prepare.signIn': 'Primero inicia sesión como parte del equipo y vuelve a esta página.',
  'device.prepare.signInLink': 'Acceso del equipo',
  'device.prepare.offlineCopyFailed':
    'La encuesta está guardada, pero este navegador no pudo guardar una copia de la página para usarla sin conexión: deja esta pestaña abierta mientras trabajas.',
  'device.ready': 'Listo: esta página funciona sin señal.',
  'device.sessionEnded':
    'Tu sesión del equipo en este dispositivo terminó: el dispositivo solo guarda su propio código para enviar respuestas. Inicia sesión de nuevo para volver a prepararlo.',
  'device.sessionNotEnded':
    'No se pudo cerrar tu sesión del equipo en este dispositivo: abre la aplicación del equipo y cierra sesión antes de pasar el dispositivo a nadie.',
  'device.online': 'Con conexión',
  'device.offline': 'Sin conexión: las respuestas se guardan, cerradas, en este dispositivo',
  'device.waiting': '{count} por enviar',
  'device.waitingNone': 'Nada por enviar',
  'device.start': 'Empezar con una persona ({language})',
  'device.sync': 'Enviar ahora',
  'device.syncing': 'Enviando…',
  'device.synced': 'Enviadas: {sent}. Quedan {left} por enviar.',
  'device.syncStopped.offline': 'Sin conexión: no se envió nada más. Vuelve a intentarlo cuando tengas señal.',
  'device.syncStopped.busy': 'El servidor pidió esperar: vuelve a intentarlo en un minuto.',
  'device.syncStopped.revoked':
    'Una persona administradora revocó este dispositivo: sus respuestas no se pueden enviar con él. Consulta, inicia sesión como parte del equipo y elige «Preparar este dispositivo de nuevo»; las respuestas pendientes se conservan.',
  'device.syncStopped.expired':
    'La preparación de este dispositivo caducó: sus respuestas no se pueden enviar con ella. Inicia sesión como parte del equipo y elige «Preparar este dispositivo de nuevo»; las respuestas pendientes se conservan.',
  'device.syncStopped.quota':
    'Este dispositivo ya envió tantas respuestas como permite una preparación. Inicia sesión como parte del equipo y elige «Preparar este dispositivo de nuevo» para enviar el resto; las respuestas pendientes se conservan.',
  'device.prepareAgain': 'Preparar este dispositivo de nuevo',
  'device.prepare.againKeeps':
    'Prepararlo de nuevo le da a este dispositivo un nuevo token para la misma encuesta y un nuevo PIN del equipo. Las {count} respuestas pendientes se conservan y se envían con él. Primero inicia sesión como parte del equipo.',
  'device.prepare.cancel': 'Cancelar',
  'device.limits': 'Este dispositivo puede enviar respuestas hasta el {date}, {quota} como máximo. Después, prepáralo de nuevo.',
  'device.refused.title': 'Rechazadas por el servidor ({count})',
  'device.refused.intro':
    'Estas respuestas se quedan en el dispositivo (siguen cerradas) y se vuelven a intentar en cada envío. Puede que la encuesta haya cambiado o cerrado; avisa al equipo de investigación.',
  'device.refused.item': 'Motivo: {code}',
  'device.refused.questions': 'preguntas: {names}',
  'device.forget': 'Olvidar este dispositivo',
  'device.forgetConfirm': 'Hay {count} respuestas sin enviar que se perderán. ¿Olvidar este dispositivo de todos modos?',
  'device.forgotten': 'Este dispositivo ya no guarda nada de la encuesta.',
  'device.notSaved': 'No se pudieron guardar estas respuestas en el dispositivo. Pregunta a la persona si quiere intentarlo de nuevo.',
  'device.privacy':
    'No se recoge nada que identifique: ni nombre, ni lugar, ni datos del dispositivo o del equipo viajan con las respuestas, que se mezclan con todas las demás.',
  'device.pin.label': 'PIN o frase del equipo para este dispositivo (al menos {min} caracteres o dígitos)',
  'device.pin.hint':
    'Hace falta para abrir la pantalla del equipo en este dispositivo (lo pendiente, enviar, olvidarlo); las personas que responden no lo necesitan. El dispositivo guarda solo un valor de comprobación lento, nunca el PIN. Tras 10 intentos fallidos solo se abre cuando alguien del equipo inicia sesión con conexión y lo prepara de nuevo.',
  'device.pin.repeat': 'Escribe el PIN otra vez',
  'device.pin.tooShort': 'El PIN debe tener al menos {min} caracteres o dígitos.',
  'device.pin.mismatch': 'Los dos PIN no son iguales.',
  'device.prepare.againKeepsAll':
    'Prepararlo de nuevo le da a este dispositivo un nuevo token para la misma encuesta y un nuevo PIN del equipo. Las respuestas pendientes se conservan y se envían con él. Primero inicia sesión como parte del equipo.',
  'device.locked.title': 'Este dispositivo está bloqueado',
  'device.locked.pin': 'PIN del equipo',
  'device.locked.unlock': 'Desbloquear',
  'device.locked.checking': 'Comprobando…',
  'device.locked.wrong':
    'PIN incorrecto ({failures} de {max} intentos). Quedan {left} antes de que este dispositivo deje de desbloquearse aquí.',
  'device.locked.waitUntil': 'El siguiente intento se comprueba a partir de las {time}.',
  'device.locked.out':
    'Demasiados PIN incorrectos ({max}): este dispositivo ya no se desbloquea aquí. Alguien del equipo inicia sesión con conexión y lo prepara de nuevo, con un PIN nuevo; las respuestas pendientes se conservan.',
  'device.locked.noPin':
    'Este dispositivo no tiene PIN del equipo: alguien del equipo inicia sesión con conexión y lo prepara de nuevo para ponerle uno; las respuestas pendientes se conservan.',
  'device.lock': 'Bloquear este dispositivo',
  'respondent.codeFormat': 'Esto no parece el código de una tarjeta: 10 letras y dígitos, como ABCDE-23456. Revísalo con tu tarjeta.',
  'respondent.codeLater': 'Puede que aquí no haya señal: el código se comprueba cuando el dispositivo envía tus respuestas.',
  'device.refused.reason.OUTREACH_CODE_INVALID':
    'el código de la tarjeta era incorrecto o ya se había usado; estas respuestas no se pueden enviar sin un código válido y se quedan aquí, cerradas',
  'device.refused.reason.OUTREACH_CODE_REQUIRED': 'la encuesta ahora pide un código de tarjeta, y estas respuestas no lo tienen',
  'device.refused.reason.VERSION_MISMATCH': 'la encuesta cambió después de que se dieran estas respuestas',
  'device.refused.reason.SURVEY_CLOSED': 'la encuesta está cerrada',
  'device.refused.reason.INVALID_ANSWERS': 'la encuesta ya no acepta algunas de estas respuestas',
  'neutral.title': 'Notas',
  'neutral.body': 'Todavía no hay notas.',
  'neutral.continue': 'Continuar',
  'respondent.quickExit': 'Salida rápida',
  'respondent.thanks':
    'Gracias. Tus respuestas están cerradas en este dispositivo y se enviarán sin nada sobre ti. Devuelve el dispositivo, por favor.',
  'respondent.next': 'Devolver al equipo',
  'respondent.label': 'Encuesta',
  'respondent.stored':
    'En este dispositivo de alcance tus respuestas se cierran en cuanto las envías (lo que escribes, con la clave del equipo de investigación; todo, con la clave del servidor de la investigación): la persona del equipo no puede leerlas, y se borran del dispositivo cuando se mandan.',
};

/** The languages a device offers respondents, by their own names. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: 'English', es: 'Español' };

const device = createTranslations<DeviceMessageKey>({ en, es });
export const useDeviceTranslation = device.useTranslations;
export const translateDevice = device.translate;
export type { DeviceMessageKey };
