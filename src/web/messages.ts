/**
 * Every text the web app shows, in its four UI languages (de, fr, it, en), in one table so a
 * translator sees them side by side. Texts with a value to insert are functions.
 */
import type { UiLanguage } from "../templates/model.ts";

export interface Messages {
  languageName: string;
  appTitle: string;
  skipToContent: string;
  uiLanguage: string;
  signInTitle: string;
  signInIntro: string;
  userName: string;
  password: string;
  signIn: string;
  signInFailed: string;
  signInLocked: (minutes: number) => string;
  signInOidcLead: string;
  signInWith: (provider: string) => string;
  oidcDenied: string;
  oidcExpired: string;
  oidcFailed: string;
  signOut: string;
  signedInAs: (name: string) => string;
  sessionNotFoundTitle: string;
  sessionNotFoundText: string;
  ambiguousTitle: string;
  ambiguousText: string;
  noTemplateTitle: string;
  noTemplateText: string;
  pickerTitle: string;
  pickerIntro: string;
  tags: string;
  languages: string;
  choose: string;
  documentLanguage: string;
  dataHeading: string;
  required: string;
  generate: string;
  cancel: string;
  yes: string;
  no: string;
  pleaseChoose: string;
  errorRequired: string;
  errorDate: string;
  errorChoice: string;
  errorLanguage: string;
  formHasErrors: string;
  templateChanged: string;
  expiresNote: string;
  resultReadyTitle: string;
  downloadStarts: string;
  downloadLink: string;
  deliveredOnly: string;
  failedTitle: string;
  deliveriesHeading: string;
  deliveryDone: string;
  deliveryFailed: string;
  close: string;
  backToForm: string;
  cancelledTitle: string;
  cancelledText: string;
  expiredFormTitle: string;
  expiredFormText: string;
  formTooLargeTitle: string;
  formTooLargeText: string;
  notFoundTitle: string;
  notFoundText: string;
  sessionTemplateNotFoundText: (name: string) => string;
  sessionTemplateFailedTitle: string;
  sessionTemplateFailedText: (detail: string) => string;
  homeText: string;
}

const de: Messages = {
  languageName: "Deutsch",
  appTitle: "Dokument erstellen",
  skipToContent: "Zum Inhalt springen",
  uiLanguage: "Sprache",
  signInTitle: "Anmelden",
  signInIntro: "Melden Sie sich an, um das Dokument zu erstellen.",
  userName: "Benutzername",
  password: "Passwort",
  signIn: "Anmelden",
  signInFailed: "Benutzername oder Passwort ist falsch.",
  signInLocked: (minutes) =>
    `Zu viele fehlgeschlagene Anmeldungen mit diesem Benutzernamen. Bitte versuchen Sie es in ${minutes} Minute(n) erneut.`,
  signInOidcLead: "Oder melden Sie sich mit dem Konto Ihrer Organisation an:",
  signInWith: (p) => `Anmelden mit ${p}`,
  oidcDenied: "Die Anmeldung wurde abgebrochen oder abgelehnt.",
  oidcExpired:
    "Die Anmeldung hat zu lange gedauert oder wurde in einem anderen Fenster begonnen. Bitte versuchen Sie es noch einmal.",
  oidcFailed:
    "Die Anmeldung ist nicht gelungen. Bitte versuchen Sie es noch einmal; wenn es wieder nicht klappt, wenden Sie sich an Ihre Administration.",
  signOut: "Abmelden",
  signedInAs: (n) => `Angemeldet als ${n}`,
  sessionNotFoundTitle: "Sitzung nicht gefunden",
  sessionNotFoundText:
    "Diese Sitzung ist abgelaufen oder existiert nicht. Bitte starten Sie den Vorgang in Ihrer Anwendung neu.",
  ambiguousTitle: "Vorlage nicht eindeutig",
  ambiguousText:
    "Mehrere Vorlagen passen zu dieser Sitzung, und eine Auswahl ist nicht erlaubt. Bitte wenden Sie sich an die Stelle, die Ihnen den Link geschickt hat.",
  noTemplateTitle: "Keine Vorlage",
  noTemplateText: "Zu dieser Sitzung passt keine Vorlage.",
  pickerTitle: "Vorlage wählen",
  pickerIntro: "Mehrere Vorlagen passen. Wählen Sie eine aus.",
  tags: "Stichwörter",
  languages: "Sprachen",
  choose: "Auswählen",
  documentLanguage: "Dokumentsprache",
  dataHeading: "Daten aus der Anwendung",
  required: "Pflichtfeld",
  generate: "Dokument erstellen",
  cancel: "Abbrechen",
  yes: "Ja",
  no: "Nein",
  pleaseChoose: "Bitte wählen",
  errorRequired: "Bitte ausfüllen.",
  errorDate: "Bitte ein gültiges Datum eingeben.",
  errorChoice: "Bitte einen Eintrag aus der Liste wählen.",
  errorLanguage: "Bitte eine Sprache aus der Liste wählen.",
  formHasErrors: "Bitte korrigieren Sie die markierten Felder.",
  templateChanged:
    "Die Vorlage dieses Formulars ist nicht mehr verfügbar. Bitte prüfen Sie das Formular dieser Vorlage und erstellen Sie das Dokument erneut.",
  expiresNote:
    "Die Sitzung bleibt offen, solange diese Seite geöffnet ist. Ohne Aktivität endet sie um",
  resultReadyTitle: "Ihr Dokument ist bereit",
  downloadStarts: "Der Download startet automatisch. Falls nicht, verwenden Sie diesen Link:",
  downloadLink: "Dokument herunterladen",
  deliveredOnly: "Das Dokument wurde weitergeleitet; es gibt nichts herunterzuladen.",
  failedTitle: "Das Dokument konnte nicht erstellt werden",
  deliveriesHeading: "Übermittlungen",
  deliveryDone: "An das Zielsystem übermittelt.",
  deliveryFailed: "Übermittlung fehlgeschlagen:",
  close: "Schliessen",
  backToForm: "Zurück zum Formular",
  cancelledTitle: "Abgebrochen",
  cancelledText: "Es wurde kein Dokument erstellt. Sie können dieses Fenster schliessen.",
  expiredFormTitle: "Formular abgelaufen",
  expiredFormText: "Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
  formTooLargeTitle: "Formular zu gross",
  formTooLargeText:
    "Der Inhalt des Formulars ist zu lang, um ihn zu senden. Bitte kürzen Sie lange Texte und versuchen Sie es noch einmal.",
  notFoundTitle: "Seite nicht gefunden",
  notFoundText: "Diese Seite gibt es nicht.",
  sessionTemplateNotFoundText: (name) => `Die Sitzungsvorlage «${name}» gibt es nicht.`,
  sessionTemplateFailedTitle: "Sitzung konnte nicht vorbereitet werden",
  sessionTemplateFailedText: (detail) => `Die Daten für diese Sitzung fehlen: ${detail}`,
  homeText: "Öffnen Sie den Link, den Sie erhalten haben, um ein Dokument zu erstellen.",
};

const fr: Messages = {
  languageName: "Français",
  appTitle: "Créer un document",
  skipToContent: "Aller au contenu",
  uiLanguage: "Langue",
  signInTitle: "Connexion",
  signInIntro: "Connectez-vous pour créer le document.",
  userName: "Nom d’utilisateur",
  password: "Mot de passe",
  signIn: "Se connecter",
  signInFailed: "Le nom d’utilisateur ou le mot de passe est incorrect.",
  signInLocked: (minutes) =>
    `Trop de connexions échouées avec ce nom d’utilisateur. Veuillez réessayer dans ${minutes} minute(s).`,
  signInOidcLead: "Ou connectez-vous avec le compte de votre organisation :",
  signInWith: (p) => `Se connecter avec ${p}`,
  oidcDenied: "La connexion a été annulée ou refusée.",
  oidcExpired:
    "La connexion a pris trop de temps ou a été commencée dans une autre fenêtre. Veuillez réessayer.",
  oidcFailed:
    "La connexion n’a pas abouti. Veuillez réessayer ; si le problème persiste, contactez votre administrateur.",
  signOut: "Se déconnecter",
  signedInAs: (n) => `Connecté en tant que ${n}`,
  sessionNotFoundTitle: "Session introuvable",
  sessionNotFoundText:
    "Cette session a expiré ou n’existe pas. Veuillez relancer l’opération dans votre application.",
  ambiguousTitle: "Modèle ambigu",
  ambiguousText:
    "Plusieurs modèles correspondent à cette session et le choix n’est pas autorisé. Veuillez contacter l’expéditeur du lien.",
  noTemplateTitle: "Aucun modèle",
  noTemplateText: "Aucun modèle ne correspond à cette session.",
  pickerTitle: "Choisir un modèle",
  pickerIntro: "Plusieurs modèles correspondent. Choisissez-en un.",
  tags: "Mots-clés",
  languages: "Langues",
  choose: "Choisir",
  documentLanguage: "Langue du document",
  dataHeading: "Données de l’application",
  required: "obligatoire",
  generate: "Créer le document",
  cancel: "Annuler",
  yes: "Oui",
  no: "Non",
  pleaseChoose: "Veuillez choisir",
  errorRequired: "Veuillez remplir ce champ.",
  errorDate: "Veuillez saisir une date valide.",
  errorChoice: "Veuillez choisir une entrée de la liste.",
  errorLanguage: "Veuillez choisir une langue de la liste.",
  formHasErrors: "Veuillez corriger les champs signalés.",
  templateChanged:
    "Le modèle de ce formulaire n’est plus disponible. Veuillez vérifier le formulaire de ce modèle et générer à nouveau le document.",
  expiresNote:
    "La session reste ouverte tant que cette page est ouverte. Sans activité, elle se ferme à",
  resultReadyTitle: "Votre document est prêt",
  downloadStarts: "Le téléchargement démarre automatiquement. Sinon, utilisez ce lien :",
  downloadLink: "Télécharger le document",
  deliveredOnly: "Le document a été transmis ; il n’y a rien à télécharger.",
  failedTitle: "Le document n’a pas pu être créé",
  deliveriesHeading: "Transmissions",
  deliveryDone: "Transmis au système destinataire.",
  deliveryFailed: "Échec de la transmission :",
  close: "Fermer",
  backToForm: "Retour au formulaire",
  cancelledTitle: "Annulé",
  cancelledText: "Aucun document n’a été créé. Vous pouvez fermer cette fenêtre.",
  expiredFormTitle: "Formulaire expiré",
  expiredFormText: "Veuillez recharger la page et réessayer.",
  formTooLargeTitle: "Formulaire trop volumineux",
  formTooLargeText:
    "Le contenu du formulaire est trop long pour être envoyé. Veuillez raccourcir les textes longs et réessayer.",
  notFoundTitle: "Page introuvable",
  notFoundText: "Cette page n’existe pas.",
  sessionTemplateNotFoundText: (name) => `Le modèle de session « ${name} » n’existe pas.`,
  sessionTemplateFailedTitle: "La session n’a pas pu être préparée",
  sessionTemplateFailedText: (detail) => `Les données de cette session manquent : ${detail}`,
  homeText: "Ouvrez le lien que vous avez reçu pour créer un document.",
};

const it: Messages = {
  languageName: "Italiano",
  appTitle: "Creare un documento",
  skipToContent: "Vai al contenuto",
  uiLanguage: "Lingua",
  signInTitle: "Accesso",
  signInIntro: "Acceda per creare il documento.",
  userName: "Nome utente",
  password: "Password",
  signIn: "Accedi",
  signInFailed: "Nome utente o password errati.",
  signInLocked: (minutes) =>
    `Troppi accessi non riusciti con questo nome utente. Riprovi tra ${minutes} minuto/i.`,
  signInOidcLead: "Oppure acceda con l’account della sua organizzazione:",
  signInWith: (p) => `Accedi con ${p}`,
  oidcDenied: "L’accesso è stato annullato o rifiutato.",
  oidcExpired:
    "L’accesso ha richiesto troppo tempo o è stato avviato in un’altra finestra. Riprovi.",
  oidcFailed:
    "L’accesso non è riuscito. Riprovi; se il problema persiste, si rivolga all’amministratore.",
  signOut: "Esci",
  signedInAs: (n) => `Connesso come ${n}`,
  sessionNotFoundTitle: "Sessione non trovata",
  sessionNotFoundText:
    "Questa sessione è scaduta o non esiste. Avvii di nuovo l’operazione nella sua applicazione.",
  ambiguousTitle: "Modello ambiguo",
  ambiguousText:
    "Più modelli corrispondono a questa sessione e la scelta non è consentita. Contatti chi le ha inviato il link.",
  noTemplateTitle: "Nessun modello",
  noTemplateText: "Nessun modello corrisponde a questa sessione.",
  pickerTitle: "Scegliere un modello",
  pickerIntro: "Più modelli corrispondono. Ne scelga uno.",
  tags: "Parole chiave",
  languages: "Lingue",
  choose: "Scegli",
  documentLanguage: "Lingua del documento",
  dataHeading: "Dati dall’applicazione",
  required: "obbligatorio",
  generate: "Crea documento",
  cancel: "Annulla",
  yes: "Sì",
  no: "No",
  pleaseChoose: "Scegliere",
  errorRequired: "Compili questo campo.",
  errorDate: "Inserisca una data valida.",
  errorChoice: "Scelga una voce dell’elenco.",
  errorLanguage: "Scelga una lingua dell’elenco.",
  formHasErrors: "Corregga i campi segnalati.",
  templateChanged:
    "Il modello di questo modulo non è più disponibile. Verifichi il modulo di questo modello e generi di nuovo il documento.",
  expiresNote:
    "La sessione resta aperta finché questa pagina è aperta. Senza attività si chiude alle",
  resultReadyTitle: "Il documento è pronto",
  downloadStarts: "Il download parte automaticamente. Altrimenti usi questo link:",
  downloadLink: "Scarica il documento",
  deliveredOnly: "Il documento è stato trasmesso; non c’è nulla da scaricare.",
  failedTitle: "Non è stato possibile creare il documento",
  deliveriesHeading: "Trasmissioni",
  deliveryDone: "Trasmesso al sistema di destinazione.",
  deliveryFailed: "Trasmissione non riuscita:",
  close: "Chiudi",
  backToForm: "Torna al modulo",
  cancelledTitle: "Annullato",
  cancelledText: "Non è stato creato alcun documento. Può chiudere questa finestra.",
  expiredFormTitle: "Modulo scaduto",
  expiredFormText: "Ricarichi la pagina e riprovi.",
  formTooLargeTitle: "Modulo troppo grande",
  formTooLargeText:
    "Il contenuto del modulo è troppo lungo per essere inviato. Accorci i testi lunghi e riprovi.",
  notFoundTitle: "Pagina non trovata",
  notFoundText: "Questa pagina non esiste.",
  sessionTemplateNotFoundText: (name) => `Il modello di sessione «${name}» non esiste.`,
  sessionTemplateFailedTitle: "Impossibile preparare la sessione",
  sessionTemplateFailedText: (detail) => `Mancano i dati per questa sessione: ${detail}`,
  homeText: "Apra il link che ha ricevuto per creare un documento.",
};

const en: Messages = {
  languageName: "English",
  appTitle: "Create a document",
  skipToContent: "Skip to content",
  uiLanguage: "Language",
  signInTitle: "Sign in",
  signInIntro: "Sign in to create the document.",
  userName: "User name",
  password: "Password",
  signIn: "Sign in",
  signInFailed: "The user name or password is wrong.",
  signInLocked: (minutes) =>
    `Too many failed sign-ins with this user name. Please try again in ${minutes} minute(s).`,
  signInOidcLead: "Or sign in with your organisation’s account:",
  signInWith: (p) => `Sign in with ${p}`,
  oidcDenied: "The sign-in was cancelled or refused.",
  oidcExpired: "The sign-in took too long or was started in another window. Please try again.",
  oidcFailed:
    "The sign-in did not succeed. Please try again; if it keeps failing, contact your administrator.",
  signOut: "Sign out",
  signedInAs: (n) => `Signed in as ${n}`,
  sessionNotFoundTitle: "Session not found",
  sessionNotFoundText:
    "This session has expired or does not exist. Please start again from your application.",
  ambiguousTitle: "Template not clear",
  ambiguousText:
    "Several templates match this session and choosing one is not allowed. Please contact whoever sent you the link.",
  noTemplateTitle: "No template",
  noTemplateText: "No template matches this session.",
  pickerTitle: "Choose a template",
  pickerIntro: "Several templates match. Choose one.",
  tags: "Tags",
  languages: "Languages",
  choose: "Choose",
  documentLanguage: "Document language",
  dataHeading: "Data from your application",
  required: "required",
  generate: "Create document",
  cancel: "Cancel",
  yes: "Yes",
  no: "No",
  pleaseChoose: "Please choose",
  errorRequired: "Please fill in this field.",
  errorDate: "Please enter a valid date.",
  errorChoice: "Please choose an entry from the list.",
  errorLanguage: "Please choose a language from the list.",
  formHasErrors: "Please correct the marked fields.",
  templateChanged:
    "The template of that form is no longer available. Please check this template’s form and generate the document again.",
  expiresNote: "The session stays open while this page is open. Without activity it closes at",
  resultReadyTitle: "Your document is ready",
  downloadStarts: "The download starts by itself. If it does not, use this link:",
  downloadLink: "Download the document",
  deliveredOnly: "The document was passed on; there is nothing to download.",
  failedTitle: "The document could not be created",
  deliveriesHeading: "Deliveries",
  deliveryDone: "Delivered to the receiving system.",
  deliveryFailed: "Delivery failed:",
  close: "Close",
  backToForm: "Back to the form",
  cancelledTitle: "Cancelled",
  cancelledText: "No document was created. You can close this window.",
  expiredFormTitle: "Form expired",
  expiredFormText: "Please reload the page and try again.",
  formTooLargeTitle: "Form too large",
  formTooLargeText:
    "What the form holds is too long to send. Please shorten long texts and try again.",
  notFoundTitle: "Page not found",
  notFoundText: "This page does not exist.",
  sessionTemplateNotFoundText: (name) => `There is no session template named “${name}”.`,
  sessionTemplateFailedTitle: "The session could not be prepared",
  sessionTemplateFailedText: (detail) => `The data for this session is missing: ${detail}`,
  homeText: "Open the link you were sent to create a document.",
};

export const MESSAGES: Record<UiLanguage, Messages> = { de, fr, it, en };
