/**
 * German texts (the default language). The keys of this catalogue are THE message keys: every other
 * catalogue must provide all of them (checked by the type `Messages`). Placeholders are written `{name}`.
 * Plain language: short sentences, say what happened and what to do.
 */
export const de = {
  appName: 'Virtuelles Amt',
  appSubtitle: 'Videotermin',
  documentTitle: 'Videotermin – Virtuelles Amt',
  documentTitleWaiting: '({count}) Jemand wartet – Videotermin',
  languageLabel: 'Sprache',
  loading: 'Einen Moment bitte …',
  retry: 'Erneut versuchen',

  refusedTitle_expired: 'Dieser Link ist abgelaufen',
  refusedText_expired: 'Der Termin ist vorbei, deshalb ist der Zugang geschlossen.',
  refusedHelp_expired:
    'Haben Sie einen neuen Termin? Dann öffnen Sie den Link aus der neuen Bestätigungs-E-Mail. Sonst buchen Sie bitte einen neuen Termin.',
  refusedTitle_not_yet_valid: 'Der Raum ist noch nicht geöffnet',
  refusedText_not_yet_valid: 'Sie können ab {opensAt} eintreten.',
  refusedTextNoTime_not_yet_valid: 'Sie können kurz vor Ihrem Termin eintreten.',
  refusedHelp_not_yet_valid:
    'Öffnen Sie zu diesem Zeitpunkt den Link aus Ihrer Bestätigungs-E-Mail erneut.',
  refusedHelpAuto_not_yet_valid:
    'Lassen Sie diese Seite geöffnet – sie öffnet den Raum dann von selbst. Oder öffnen Sie zu diesem Zeitpunkt den Link aus Ihrer Bestätigungs-E-Mail erneut.',
  refusedTitle_revoked: 'Dieser Link gilt nicht mehr',
  refusedText_revoked: 'Der Termin wurde abgesagt oder verschoben.',
  refusedHelp_revoked:
    'Wurde der Termin verschoben, haben Sie eine neue E-Mail mit einem neuen Link bekommen. Bitte öffnen Sie den Link aus dieser E-Mail.',
  refusedTitle_invalid: 'Dieser Link funktioniert nicht',
  refusedText_invalid: 'Der Link ist unvollständig, fehlerhaft oder Ihre Sitzung ist abgelaufen.',
  refusedHelp_invalid:
    'Öffnen Sie den Link aus Ihrer Bestätigungs-E-Mail erneut. Wenn Sie ihn kopieren, kopieren Sie ihn bitte vollständig.',
  refusedTitle_missing: 'Kein Zugangslink gefunden',
  refusedText_missing: 'Diese Seite braucht den persönlichen Link zu Ihrem Termin.',
  refusedHelp_missing: 'Öffnen Sie den Link aus Ihrer Bestätigungs-E-Mail erneut.',
  unavailableTitle: 'Der Videodienst ist gerade nicht erreichbar',
  unavailableText: 'Prüfen Sie Ihre Internetverbindung und versuchen Sie es dann erneut.',
  noticeRoomFull: 'Im Raum ist gerade kein Platz mehr frei. Bitte versuchen Sie es gleich noch einmal.',

  yourAppointment: 'Ihr Termin',
  appointmentFallbackTitle: 'Ihr Videotermin',
  selfViewLabel: 'Ihr eigenes Kamerabild',
  cameraOff: 'Kamera aus',
  noCamera: 'Keine Kamera',
  startingCamera: 'Kamera wird gestartet …',
  micLabel: 'Mikrofon',
  cameraLabel: 'Kamera',
  deviceControlsLabel: 'Kamera und Mikrofon',
  deviceProblemTitle: 'Kamera oder Mikrofon nicht verfügbar',
  deviceProblem_denied:
    'Der Zugriff auf Kamera und Mikrofon ist nicht erlaubt. Erlauben Sie ihn über das Symbol in der Adressleiste Ihres Browsers (oft ein Kamera- oder Schloss-Symbol) und wählen Sie dann „Erneut versuchen“.',
  deviceProblem_not_found:
    'Wir haben keine Kamera oder kein Mikrofon gefunden. Schließen Sie ein Gerät an oder nutzen Sie Ihr Smartphone.',
  deviceProblem_in_use:
    'Kamera oder Mikrofon werden gerade von einem anderen Programm benutzt, zum Beispiel einer anderen Videokonferenz. Schließen Sie es und wählen Sie dann „Erneut versuchen“.',
  deviceProblem_insecure:
    'Die Seite wurde nicht über eine sichere Verbindung geöffnet, deshalb sperrt der Browser Kamera und Mikrofon. Öffnen Sie den Link aus Ihrer E-Mail unverändert.',
  deviceProblem_failed:
    'Kamera und Mikrofon ließen sich nicht starten. Versuchen Sie es erneut oder nutzen Sie einen anderen Browser.',
  joinWithoutDevicesHint: 'Sie können trotzdem beitreten. Dann kann man Sie nicht sehen oder nicht hören.',

  noticesTitle: 'Bevor Sie beitreten',
  noticeNoRecording: 'Das Gespräch wird nicht aufgezeichnet – weder Bild noch Ton.',
  noticeRecordingForbidden:
    'Auch Sie dürfen das Gespräch nicht aufnehmen. Heimliche Tonaufnahmen sind nach § 201 StGB strafbar.',
  noticeQuietRoom: 'Bitte suchen Sie sich einen ruhigen Ort, an dem niemand mithört.',
  noticePrivacy: 'Bild und Ton werden verschlüsselt übertragen und nirgends gespeichert.',
  joinButton: 'Jetzt beitreten',
  joinWaitingHint: 'Sie kommen zuerst in den Warteraum.',
  connecting: 'Verbindung wird aufgebaut …',

  waitingTitle: 'Warteraum',
  waitingText: 'Sie sind im Warteraum. Die Sachbearbeitung lässt Sie gleich herein.',
  waitingNoClerk:
    'Die Sachbearbeitung ist noch nicht da. Bitte warten Sie – Sie werden eingelassen, sobald sie eintrifft.',
  waitingKeepOpen: 'Lassen Sie dieses Fenster geöffnet. Sie müssen nichts weiter tun.',
  leaveWaitingRoom: 'Warteraum verlassen',
  lobbyMessagesTitle: 'Nachricht der Sachbearbeitung',
  announceLobbyMessage: 'Nachricht der Sachbearbeitung: {text}',

  lobbyTitle: 'Warteraum',
  lobbyWaitingTitle: 'Bürger/in wartet',
  lobbyEmpty: 'Niemand wartet.',
  waitingSince: 'wartet seit {duration}',
  waitingJustNow: 'wartet seit gerade eben',
  waitingDisconnected: 'Verbindung unterbrochen – der Platz bleibt frei',
  admitButton: 'Einlassen',
  admitButtonLabel: '{name} einlassen',
  announceWaiting: '{name} wartet im Warteraum.',
  noticeAdmitFailed: 'Das Einlassen hat nicht geklappt. Bitte versuchen Sie es erneut.',

  callTitle: 'Videotermin: {title}',
  remoteVideoLabel: 'Video von {name}',
  peerMicOff: 'Mikrofon aus',
  peerConnecting: 'Verbindung wird aufgebaut …',
  peerReconnecting: 'Verbindung gestört – wird wiederhergestellt …',
  nobodyHereClerk: 'Noch niemand im Gespräch. Wartende Personen lassen Sie mit „Einlassen“ herein.',
  nobodyHereCitizen: 'Die Sachbearbeitung kommt gleich dazu.',
  callControlsLabel: 'Gesprächssteuerung',
  leaveButton: 'Verlassen',
  enableSound: 'Ton einschalten',
  you: 'Sie',
  role_clerk: 'Sachbearbeitung',
  role_citizen: 'Bürger/in',
  role_guest: 'Gast',
  announceAdmitted: 'Sie wurden eingelassen. Das Gespräch beginnt.',
  announcePeerJoined: '{name} ist jetzt im Gespräch.',
  announcePeerLeft: '{name} hat das Gespräch verlassen.',
  reconnecting: 'Verbindung unterbrochen – wird wiederhergestellt …',
  announceReconnected: 'Verbindung wiederhergestellt.',

  leftTitle: 'Sie haben den Termin verlassen',
  leftText: 'Kamera und Mikrofon sind aus. Solange der Termin läuft, können Sie wieder beitreten.',
  noticeDisconnectedByServer: 'Die Verbindung wurde vom Videodienst beendet.',
  rejoinButton: 'Wieder beitreten',
  replacedTitle: 'Der Link wurde auf einem anderen Gerät geöffnet',
  replacedText:
    'Ihr Termin läuft jetzt dort weiter. Dieses Fenster ist getrennt und verbindet sich nicht von selbst neu.',
  replacedTakeBack: 'Hier fortsetzen',
  closedTitle: 'Der Termin ist beendet',
  closedText_ended: 'Die Sachbearbeitung hat den Termin für alle beendet.',
  closedText_closed: 'Der Termin wurde abgesagt oder ist vorbei. Der Raum ist geschlossen.',
  closedText_revoked:
    'Ihr Link gilt nicht mehr, weil der Termin verschoben oder abgesagt wurde. Nutzen Sie den Link aus Ihrer neuesten E-Mail.',
  closedHint: 'Sie können dieses Fenster jetzt schließen.',
  rejectedTitle: 'Sie wurden nicht eingelassen',
  rejectedText: 'Die Sachbearbeitung hat den Termin nicht mit Ihnen begonnen. Bei Fragen wenden Sie sich bitte an Ihr Amt.',
};

/** A complete catalogue: every key of the German one, as text. */
export type Messages = { readonly [K in keyof typeof de]: string };
