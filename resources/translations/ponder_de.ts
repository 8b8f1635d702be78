<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>About</name>
    <message>
        <source>runs the models (llama.cpp)</source>
        <translation>führt die Modelle aus (llama.cpp)</translation>
    </message>
    <message>
        <source>the window (Qt for Python)</source>
        <translation>das Fenster (Qt for Python)</translation>
    </message>
    <message>
        <source>answers in Markdown</source>
        <translation>Antworten in Markdown</translation>
    </message>
    <message>
        <source>math and tables in Markdown</source>
        <translation>Formeln und Tabellen in Markdown</translation>
    </message>
    <message>
        <source>code highlighting</source>
        <translation>Syntaxhervorhebung</translation>
    </message>
    <message>
        <source>math formulas</source>
        <translation>mathematische Formeln</translation>
    </message>
    <message>
        <source>chat templates (sandboxed)</source>
        <translation>Chat-Vorlagen (abgeschottet)</translation>
    </message>
    <message>
        <source>model downloads</source>
        <translation>Modell-Downloads</translation>
    </message>
    <message>
        <source>where files go</source>
        <translation>Speicherorte der Dateien</translation>
    </message>
    <message>
        <source>memory and cores</source>
        <translation>Arbeitsspeicher und Kerne</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>Wofür</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Small reasoning models on your own computer, with the chain of thought beside the answer. Licensed under the Apache License 2.0.</source>
        <translation>Kleine Reasoning-Modelle auf dem eigenen Computer, mit dem Gedankengang neben der Antwort. Lizenziert unter der Apache License 2.0.</translation>
    </message>
    <message>
        <source>Each model has its own license, shown in the model manager.</source>
        <translation>Jedes Modell hat seine eigene Lizenz; die Modellverwaltung zeigt sie an.</translation>
    </message>
    <message>
        <source>About Ponder</source>
        <translation>Über Ponder</translation>
    </message>
</context>
<context>
    <name>AdvancedThinkingDialog</name>
    <message>
        <source>None (just stop)</source>
        <translation>Keine (einfach aufhören)</translation>
    </message>
    <message>
        <source>“I have to stop thinking now…”</source>
        <translation>„Ich muss jetzt aufhören zu denken …“</translation>
    </message>
    <message>
        <source>“Okay, time is up…”</source>
        <translation>„Okay, die Zeit ist um …“</translation>
    </message>
    <message>
        <source>“Let me stop and summarize…”</source>
        <translation>„Ich höre auf und fasse zusammen …“</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Eigene …</translation>
    </message>
    <message>
        <source>Advanced thinking controls</source>
        <translation>Erweiterte Denk-Einstellungen</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>No minimum</source>
        <translation>Kein Minimum</translation>
    </message>
    <message>
        <source>Keep this minimum after Ponder restarts</source>
        <translation>Dieses Minimum nach einem Neustart von Ponder beibehalten</translation>
    </message>
    <message>
        <source>Unless this is ticked, the minimum lasts until Ponder quits</source>
        <translation>Ohne Häkchen gilt das Minimum nur, bis Ponder beendet wird</translation>
    </message>
    <message>
        <source>at most </source>
        <translation>höchstens </translation>
    </message>
    <message>
        <source> times</source>
        <translation>-mal</translation>
    </message>
    <message>
        <source>What the model reads when its budget runs out</source>
        <translation>Was das Modell liest, wenn sein Budget aufgebraucht ist</translation>
    </message>
    <message>
        <source>Minimum thinking: when the model tries to stop thinking sooner, Ponder adds the wait text so it keeps going.</source>
        <translation>Mindestdenkzeit: Will das Modell früher aufhören zu denken, fügt Ponder den Warte-Text ein, damit es weiterdenkt.</translation>
    </message>
    <message>
        <source>Minimum thinking</source>
        <translation>Mindestens denken</translation>
    </message>
    <message>
        <source>Wait text</source>
        <translation>Warte-Text</translation>
    </message>
    <message>
        <source>When the thinking budget is spent, Ponder adds:</source>
        <translation>Ist das Denkbudget aufgebraucht, fügt Ponder ein:</translation>
    </message>
    <message>
        <source>Early-stop message</source>
        <translation>Abbruch-Nachricht</translation>
    </message>
    <message>
        <source>The minimum ({minimum} tokens) is more than the thinking budget ({budget} tokens): the model would be stopped before it got there. Lower the minimum, or raise the budget first.</source>
        <translation>Das Minimum ({minimum} Token) ist größer als das Denkbudget ({budget} Token): Das Modell würde gestoppt, bevor es das Minimum erreicht. Senken Sie das Minimum oder erhöhen Sie zuerst das Budget.</translation>
    </message>
</context>
<context>
    <name>AnswerNowButton</name>
    <message>
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <source>Stop thinking now and answer ({shortcut}): Ponder adds the early-stop message from the settings and closes the thinking. The arrow: think longer.</source>
        <translation>Jetzt aufhören zu denken und antworten ({shortcut}): Ponder fügt die Abbruch-Nachricht aus den Einstellungen ein und schließt das Denken ab. Der Pfeil: länger denken.</translation>
    </message>
    <message>
        <source>Raise the running thinking budget, without restarting</source>
        <translation>Das laufende Denkbudget erhöhen, ohne neu zu beginnen</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Copied ✓</source>
        <translation>Kopiert ✓</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>AssistantMessageWidget</name>
    <message>
        <source>Show how the model got there (the chain of thought)</source>
        <translation>Zeigen, wie das Modell darauf kam (der Gedankengang)</translation>
    </message>
    <message>
        <source>Write a new answer to this message</source>
        <translation>Eine neue Antwort auf diese Nachricht schreiben</translation>
    </message>
    <message>
        <source>Copy the answer (Markdown)</source>
        <translation>Die Antwort kopieren (Markdown)</translation>
    </message>
    <message>
        <source>Replay, fork, compare</source>
        <translation>Abspielen, abzweigen, vergleichen</translation>
    </message>
    <message>
        <source>Prompt: {0} ({1} reused) in {2:.2f} s</source>
        <translation>Prompt: {0} ({1} wiederverwendet) in {2:.2f} s</translation>
    </message>
    <message>
        <source>Thinking: {0} in {1:.2f} s · answer: {2} in {3:.2f} s</source>
        <translation>Denken: {0} in {1:.2f} s · Antwort: {2} in {3:.2f} s</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Interrupted: Ponder closed before this answer was finished. What was written is kept; regenerate to get a whole answer.</source>
        <translation>Unterbrochen: Ponder wurde geschlossen, bevor diese Antwort fertig war. Das Geschriebene bleibt erhalten; erzeugen Sie die Antwort neu, um sie vollständig zu erhalten.</translation>
    </message>
    <message>
        <source>Replay the thinking…</source>
        <translation>Denken abspielen …</translation>
    </message>
    <message>
        <source>Play this reply&apos;s thinking back at a chosen pace</source>
        <translation>Das Denken dieser Antwort in einem gewählten Tempo abspielen</translation>
    </message>
    <message>
        <source>Fork the thinking…</source>
        <translation>Denken abzweigen …</translation>
    </message>
    <message>
        <source>Edit or add to the thinking and let the model go on</source>
        <translation>Das Denken bearbeiten oder ergänzen und das Modell weitermachen lassen</translation>
    </message>
    <message>
        <source>Compare versions side by side</source>
        <translation>Versionen nebeneinander vergleichen</translation>
    </message>
    <message>
        <source>This version beside another one</source>
        <translation>Diese Version neben einer anderen</translation>
    </message>
    <message>
        <source>Answer with another model…</source>
        <translation>Mit einem anderen Modell antworten …</translation>
    </message>
    <message>
        <source>The same question, another model, side by side</source>
        <translation>Dieselbe Frage, ein anderes Modell, nebeneinander</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Think longer ▾</source>
        <translation>Länger denken ▾</translation>
    </message>
    <message>
        <source>A new version of this reply: the thinking goes on from where it stopped, then the model answers again</source>
        <translation>Eine neue Version dieser Antwort: Das Denken geht dort weiter, wo es aufhörte, dann antwortet das Modell erneut</translation>
    </message>
    <message>
        <source>More ▾</source>
        <translation>Mehr ▾</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete this reply and what followed it</source>
        <translation>Diese Antwort und alles Folgende löschen</translation>
    </message>
    <message>
        <source>Written by {0}</source>
        <translation>Geschrieben von {0}</translation>
    </message>
    <message>
        <source>Something went wrong while writing this answer.</source>
        <translation>Beim Schreiben dieser Antwort ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten …</translation>
    </message>
</context>
<context>
    <name>BudgetSelector</name>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Quick (256)</source>
        <translation>Kurz (256)</translation>
    </message>
    <message>
        <source>Standard (1024)</source>
        <translation>Normal (1024)</translation>
    </message>
    <message>
        <source>Deep (4096)</source>
        <translation>Gründlich (4096)</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Eigene …</translation>
    </message>
    <message>
        <source>How long the model may think before it must answer</source>
        <translation>Wie lange das Modell denken darf, bevor es antworten muss</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Custom thinking budget</source>
        <translation>Eigenes Denkbudget</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>Aufwand</translation>
    </message>
    <message>
        <source>Minimum thinking and the early-stop message</source>
        <translation>Mindestdenkzeit und Abbruch-Nachricht</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>How hard the model thinks, mapped for this model&apos;s family.</source>
        <translation>Wie gründlich das Modell denkt, passend zu seiner Modellfamilie umgesetzt.</translation>
    </message>
    <message>
        <source>min {minimum} (more than the budget: no effect)</source>
        <translation>min. {minimum} (mehr als das Budget: ohne Wirkung)</translation>
    </message>
    <message>
        <source>The minimum thinking is more than the thinking budget, so the model is stopped before it is reached. Lower it with ⚙.</source>
        <translation>Das Denkminimum ist größer als das Denkbudget, daher wird das Modell gestoppt, bevor es erreicht ist. Senken Sie es mit ⚙.</translation>
    </message>
    <message>
        <source>min {minimum} · “{wait}” ×{max_waits}</source>
        <translation>min. {minimum} · „{wait}“ ×{max_waits}</translation>
    </message>
    <message>
        <source>The model thinks at least {minimum} tokens: each time it tries to stop sooner, Ponder adds “{wait}” (at most {max_waits} times).</source>
        <translation>Das Modell denkt mindestens {minimum} Token: Jedes Mal, wenn es früher aufhören will, fügt Ponder „{wait}“ ein (höchstens {max_waits}-mal).</translation>
    </message>
</context>
<context>
    <name>CatalogFilter</name>
    <message>
        <source>Any size</source>
        <translation>Jede Größe</translation>
    </message>
    <message>
        <source>Under 2 GB</source>
        <translation>Unter 2 GB</translation>
    </message>
    <message>
        <source>Over 6 GB</source>
        <translation>Über 6 GB</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Stop the answer first, then delete the conversation.</source>
        <translation>Halten Sie zuerst die Antwort an und löschen Sie dann das Gespräch.</translation>
    </message>
    <message>
        <source>Stop the answer first, then delete the message.</source>
        <translation>Halten Sie zuerst die Antwort an und löschen Sie dann die Nachricht.</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>{n}. Fork: “{text}”</source>
        <translation>{n}. Abzweigung: „{text}“</translation>
    </message>
    <message>
        <source>{n}. Fork (edited thinking)</source>
        <translation>{n}. Abzweigung (bearbeitetes Denken)</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>unbekanntes Modell</translation>
    </message>
    <message>
        <source>{n}. Original</source>
        <translation>{n}. Original</translation>
    </message>
    <message>
        <source>{n}. Version {n}</source>
        <translation>{n}. Version {n}</translation>
    </message>
    <message>
        <source>thought {seconds} · {thinking} · answer {answer}</source>
        <translation>gedacht {seconds} · {thinking} · Antwort {answer}</translation>
    </message>
    <message>
        <source>answer read: {value}</source>
        <translation>gelesene Antwort: {value}</translation>
    </message>
    <message>
        <source>last value in the thinking: {value} (none in the answer)</source>
        <translation>letzter Wert im Denken: {value} (keiner in der Antwort)</translation>
    </message>
    <message>
        <source>Side by side — Ponder</source>
        <translation>Nebeneinander — Ponder</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask something… (Ctrl+Enter to send)</source>
        <translation>Fragen Sie etwas … (Strg+Eingabe zum Senden)</translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation>Bearbeiten abbrechen</translation>
    </message>
    <message>
        <source>Keep the conversation as it is (Esc)</source>
        <translation>Das Gespräch so lassen, wie es ist (Esc)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the answer now (Esc)</source>
        <translation>Die Antwort jetzt anhalten (Esc)</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Write a new answer to the last message (Ctrl+R)</source>
        <translation>Eine neue Antwort auf die letzte Nachricht schreiben (Strg+R)</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Editing an earlier message: sending it starts a new version of the conversation from there (the old one is kept).</source>
        <translation>Sie bearbeiten eine frühere Nachricht: Beim Senden beginnt ab dort eine neue Version des Gesprächs (die alte bleibt erhalten).</translation>
    </message>
</context>
<context>
    <name>ContextFit</name>
    <message>
        <source>load the model with a larger context size</source>
        <translation>laden Sie das Modell mit einer größeren Kontextgröße</translation>
    </message>
    <message>
        <source>ask for the server to be started with a larger context</source>
        <translation>bitten Sie darum, den Server mit einem größeren Kontext zu starten</translation>
    </message>
    <message>
        <source>the model&apos;s context holds {n_ctx} tokens and keeps {reserve} of them for the answer</source>
        <translation>der Kontext des Modells fasst {n_ctx} Token und hält {reserve} davon für die Antwort frei</translation>
    </message>
    <message>
        <source>The system prompt and your message take {tokens} tokens ({system} of them the system prompt), but {holds}. Shorten the system prompt, or {larger}.</source>
        <translation>Systemanweisung und Nachricht umfassen {tokens} Token ({system} davon die Systemanweisung), aber {holds}. Kürzen Sie die Systemanweisung, oder {larger}.</translation>
    </message>
    <message>
        <source>Your message is {tokens} tokens long, but {holds}. Shorten the message or send it in parts, or {larger}.</source>
        <translation>Ihre Nachricht ist {tokens} Token lang, aber {holds}. Kürzen Sie die Nachricht oder senden Sie sie in Teilen, oder {larger}.</translation>
    </message>
    <message>
        <source>1 earlier turn was left out to fit the model&apos;s context.</source>
        <translation>1 früherer Gesprächsschritt wurde weggelassen, damit alles in den Kontext des Modells passt.</translation>
    </message>
    <message>
        <source>{turns} earlier turns were left out to fit the model&apos;s context.</source>
        <translation>{turns} frühere Gesprächsschritte wurden weggelassen, damit alles in den Kontext des Modells passt.</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>message too long</source>
        <translation>Nachricht zu lang</translation>
    </message>
    <message>
        <source>This message is too long for the model&apos;s context: shorten it or load the model with a larger context.</source>
        <translation>Diese Nachricht ist zu lang für den Kontext des Modells: Kürzen Sie sie oder laden Sie das Modell mit einem größeren Kontext.</translation>
    </message>
    <message>
        <source>oldest turns left out</source>
        <translation>älteste Runden ausgelassen</translation>
    </message>
    <message>
        <source>The conversation is longer than the model&apos;s context: the oldest turns will be left out.</source>
        <translation>Das Gespräch ist länger als der Kontext des Modells: Die ältesten Runden werden ausgelassen.</translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation>{0} Tokens</translation>
    </message>
    <message>
        <source>about {0} tokens</source>
        <translation>etwa {0} Tokens</translation>
    </message>
    <message>
        <source>Counted by the model&apos;s tokenizer.</source>
        <translation>Vom Tokenizer des Modells gezählt.</translation>
    </message>
    <message>
        <source>The conversation so far is counted by the model&apos;s tokenizer where Ponder has its count; the rest, and the message being typed, is an estimate.</source>
        <translation>Das bisherige Gespräch zählt der Tokenizer des Modells, soweit Ponder diese Zahl hat; der Rest und die Nachricht, die Sie gerade schreiben, sind geschätzt.</translation>
    </message>
    <message>
        <source>Context used: {0} tokens of {1}, {2} kept for the answer.</source>
        <translation>Belegter Kontext: {0} von {1} Tokens, {2} für die Antwort freigehalten.</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>vor {n} Min.</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>vor {n} Std.</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Gespräche durchsuchen</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Neues Gespräch</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Ein neues Gespräch beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>No matches for “{0}”.
Esc clears the search.</source>
        <translation>Keine Treffer für „{0}“.
Esc leert die Suche.</translation>
    </message>
    <message>
        <source>Your conversations appear here, newest first: each keeps the model&apos;s thinking beside its answers. Search finds words in both.</source>
        <translation>Hier erscheinen Ihre Gespräche, das neueste zuerst: Jedes bewahrt das Denken des Modells neben seinen Antworten. Die Suche findet Wörter in beidem.</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
</context>
<context>
    <name>ConversationSettingsDialog</name>
    <message>
        <source>Settings of “{0}”</source>
        <translation>Einstellungen von „{0}“</translation>
    </message>
    <message>
        <source>Conversation settings</source>
        <translation>Gesprächseinstellungen</translation>
    </message>
    <message>
        <source>These apply to every later turn of this conversation, and are written on each reply&apos;s reproducibility card.</source>
        <translation>Sie gelten für alle weiteren Runden dieses Gesprächs und stehen auf der Reproduzierbarkeitskarte jeder Antwort.</translation>
    </message>
    <message>
        <source>For example: Answer in French. Explain each step to a 12-year-old.</source>
        <translation>Zum Beispiel: Antworte auf Französisch. Erkläre jeden Schritt für eine Zwölfjährige.</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Vorgabe des Modells</translation>
    </message>
    <message>
        <source>Lower is steadier, higher more varied; 0 always picks the likeliest token</source>
        <translation>Niedriger ist beständiger, höher abwechslungsreicher; 0 wählt immer das wahrscheinlichste Token</translation>
    </message>
    <message>
        <source>Sample only from the likeliest tokens that make up this share</source>
        <translation>Nur aus den wahrscheinlichsten Token wählen, die zusammen diesen Anteil ausmachen</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>The same seed and settings give the same reply again</source>
        <translation>Derselbe Seed mit denselben Einstellungen ergibt wieder dieselbe Antwort</translation>
    </message>
    <message>
        <source>Send past reasoning back to the model</source>
        <translation>Früheres Denken an das Modell zurückgeben</translation>
    </message>
    <message>
        <source>Off (recommended by the model families): earlier replies go back without their thinking. On: each goes back with its thinking in the model&apos;s think tags, which uses more of the context.</source>
        <translation>Aus (von den Modellfamilien empfohlen): Frühere Antworten gehen ohne ihr Denken zurück. An: Jede geht mit ihrem Denken in den Denk-Tags des Modells zurück, was mehr Kontext belegt.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
</context>
<context>
    <name>DamagedHistory</name>
    <message>
        <source>Your conversation history is damaged</source>
        <translation>Ihr Gesprächsverlauf ist beschädigt</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>Schreibgeschützt öffnen</translation>
    </message>
    <message>
        <source>Recover into a new file</source>
        <translation>In eine neue Datei retten</translation>
    </message>
    <message>
        <source>Restore the last backup</source>
        <translation>Letzte Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Start a new history</source>
        <translation>Neuen Verlauf beginnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Ponder cannot read all of your conversation history ({path}): the file is damaged. Whatever you choose, the damaged file is kept.</source>
        <translation>Ponder kann Ihren Gesprächsverlauf ({path}) nicht vollständig lesen: Die Datei ist beschädigt. Was Sie auch wählen, die beschädigte Datei bleibt erhalten.</translation>
    </message>
    <message>
        <source>Open read-only: see what can still be read; nothing can be saved this session.</source>
        <translation>Schreibgeschützt öffnen: sehen, was sich noch lesen lässt; in dieser Sitzung kann nichts gespeichert werden.</translation>
    </message>
    <message>
        <source>Recover into a new file: copy everything readable into a new history and continue.</source>
        <translation>In eine neue Datei retten: alles Lesbare in einen neuen Verlauf kopieren und weitermachen.</translation>
    </message>
    <message>
        <source>Restore the last backup: go back to {name}.</source>
        <translation>Letzte Sicherung wiederherstellen: zu {name} zurückkehren.</translation>
    </message>
    <message>
        <source>Start a new history: begin empty; the old file stays beside it.</source>
        <translation>Neuen Verlauf beginnen: leer anfangen; die alte Datei bleibt daneben liegen.</translation>
    </message>
    <message>
        <source>Conversation history recovered</source>
        <translation>Gesprächsverlauf gerettet</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Sicherung wiederhergestellt</translation>
    </message>
    <message>
        <source>Restored {name}. The damaged file is kept as {kept}.</source>
        <translation>{name} wiederhergestellt. Die beschädigte Datei bleibt als {kept} erhalten.</translation>
    </message>
    <message>
        <source>New history</source>
        <translation>Neuer Verlauf</translation>
    </message>
    <message>
        <source>Starting a new history. The old file is kept as {kept}.</source>
        <translation>Ein neuer Verlauf beginnt. Die alte Datei bleibt als {kept} erhalten.</translation>
    </message>
    <message>
        <source>Could not do that: {problem}. Nothing was deleted; check that the folder {parent} is writable and has free space, then start Ponder again.</source>
        <translation>Das ging nicht: {problem}. Es wurde nichts gelöscht; prüfen Sie, ob der Ordner {parent} beschreibbar ist und freien Platz hat, und starten Sie Ponder dann erneut.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Import a model</source>
        <translation>Ein Modell importieren</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-Modelle (*.gguf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>{file} wird importiert …</translation>
    </message>
    <message>
        <source>Import a model pack</source>
        <translation>Ein Modellpaket importieren</translation>
    </message>
    <message>
        <source>Importing the pack in {folder}…</source>
        <translation>Das Paket in {folder} wird importiert …</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Download paused; run it again to resume.</source>
        <translation>Download pausiert; starten Sie ihn erneut, um fortzufahren.</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>Download abgebrochen.</translation>
    </message>
    <message>
        <source>The model repository {repo} is gated and your token does not have access to it. Open {page} in a browser, sign in with the account the token belongs to, accept the license on the model page, then try again.</source>
        <translation>Das Modell-Repository {repo} ist zugangsbeschränkt, und Ihr Token hat keinen Zugriff darauf. Öffnen Sie {page} im Browser, melden Sie sich mit dem Konto an, zu dem das Token gehört, akzeptieren Sie die Lizenz auf der Modellseite und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The model repository {repo} requires you to sign in. Open {page} in a browser, sign in, accept the license on the model page, create an access token (Settings → Access Tokens, &apos;read&apos; is enough) and set it in the HF_TOKEN environment variable, then try again.</source>
        <translation>Für das Modell-Repository {repo} müssen Sie sich anmelden. Öffnen Sie {page} im Browser, melden Sie sich an, akzeptieren Sie die Lizenz auf der Modellseite, erstellen Sie ein Zugriffstoken (Settings → Access Tokens, „read“ genügt) und setzen Sie es in der Umgebungsvariablen HF_TOKEN; versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>There is no model repository {repo} on {where}. Check the name; a private or gated repository also looks missing until you set a token in HF_TOKEN.</source>
        <translation>Auf {where} gibt es kein Modell-Repository {repo}. Prüfen Sie den Namen; ein privates oder zugangsbeschränktes Repository erscheint ebenfalls als fehlend, bis Sie ein Token in HF_TOKEN setzen.</translation>
    </message>
    <message>
        <source>The repository {repo} has no revision by that name on {where}.</source>
        <translation>Das Repository {repo} hat auf {where} keine Revision dieses Namens.</translation>
    </message>
    <message>
        <source>Ponder is in offline mode (HF_HUB_OFFLINE is set), so it cannot download models. Unset HF_HUB_OFFLINE to download, or {bring_model}.</source>
        <translation>Ponder ist im Offline-Modus (HF_HUB_OFFLINE ist gesetzt) und kann daher keine Modelle herunterladen. Entfernen Sie HF_HUB_OFFLINE zum Herunterladen, oder {bring_model}.</translation>
    </message>
    <message>
        <source>The repository {repo} has no file {filename}. It may have been renamed: {catalog_check}.</source>
        <translation>Das Repository {repo} enthält keine Datei {filename}. Vielleicht wurde sie umbenannt: {catalog_check}.</translation>
    </message>
    <message>
        <source>Could not reach {where} ({kind}: {exc}). Check your internet connection or proxy and try again; a download resumes where it stopped.</source>
        <translation>{where} ist nicht erreichbar ({kind}: {exc}). Prüfen Sie Ihre Internetverbindung oder den Proxy und versuchen Sie es erneut; ein Download setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>Could not get {filename} from {repo}: {exc}</source>
        <translation>{filename} konnte nicht von {repo} geholt werden: {exc}</translation>
    </message>
    <message>
        <source>{filename} was not found in {repo} on {endpoint}.</source>
        <translation>{filename} wurde in {repo} auf {endpoint} nicht gefunden.</translation>
    </message>
    <message>
        <source>{endpoint} is limiting requests right now (429). Wait a few minutes and try again.</source>
        <translation>{endpoint} begrenzt gerade die Anfragen (429). Warten Sie ein paar Minuten und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{endpoint} answered with a server error ({status}). This is usually temporary: try again in a few minutes; the download resumes where it stopped.</source>
        <translation>{endpoint} hat mit einem Serverfehler geantwortet ({status}). Das ist meist vorübergehend: Versuchen Sie es in ein paar Minuten erneut; der Download setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>{endpoint} refused the request for {filename} (HTTP {status}).</source>
        <translation>{endpoint} hat die Anfrage nach {filename} abgelehnt (HTTP {status}).</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>heruntergeladen</translation>
    </message>
    <message>
        <source>copied in</source>
        <translation>hineinkopiert</translation>
    </message>
    <message>
        <source>{file} is already being {doing} by another Ponder window or command. Wait for it to finish (or stop it there), then try again.</source>
        <translation>{file} wird bereits von einem anderen Ponder-Fenster oder -Befehl {doing}. Warten Sie, bis es fertig ist (oder halten Sie es dort an), und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Downloads will fail until it is back; you can still import a .gguf file you already have, or a model pack.</source>
        <translation>Downloads schlagen fehl, bis die Verbindung zurück ist; Sie können weiterhin eine vorhandene .gguf-Datei oder ein Modellpaket importieren.</translation>
    </message>
    <message>
        <source>The model hub address {endpoint!r} has no host name. {after}</source>
        <translation>Die Adresse des Modell-Hubs {endpoint!r} hat keinen Hostnamen. {after}</translation>
    </message>
    <message>
        <source>This computer looks offline: the name {host} could not be looked up. {after}</source>
        <translation>Dieser Computer scheint offline zu sein: Der Name {host} konnte nicht aufgelöst werden. {after}</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>This computer looks offline: {host} could not be reached ({reason}). {after}</source>
        <translation>Dieser Computer scheint offline zu sein: {host} ist nicht erreichbar ({reason}). {after}</translation>
    </message>
    <message>
        <source> The {have} already downloaded are kept in {part} and the download resumes from there; delete that file to get the space back.</source>
        <translation> Die bereits heruntergeladenen {have} bleiben in {part} erhalten, und der Download setzt dort fort; löschen Sie diese Datei, um den Platz freizugeben.</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full{detail}. Free some space or choose another models folder, then download again.{kept}</source>
        <translation>Das Laufwerk mit {folder} ist voll{detail}. Schaffen Sie Platz oder wählen Sie einen anderen Modellordner und laden Sie dann erneut herunter.{kept}</translation>
    </message>
    <message>
        <source>The downloaded {file} is damaged: its sha256 is {digest}, not the expected {expected}. The damaged file was deleted. Download it again; if this happens again, the file on the hub may have changed ({catalog_check}).</source>
        <translation>Die heruntergeladene Datei {file} ist beschädigt: Ihr sha256 ist {digest}, nicht das erwartete {expected}. Die beschädigte Datei wurde gelöscht. Laden Sie sie erneut herunter; passiert das wieder, hat sich die Datei auf dem Hub vielleicht geändert ({catalog_check}).</translation>
    </message>
    <message>
        <source>{file} downloaded intact but is not a model Ponder can load: {exc} The file was deleted.</source>
        <translation>{file} kam unbeschädigt an, ist aber kein Modell, das Ponder laden kann: {exc} Die Datei wurde gelöscht.</translation>
    </message>
    <message>
        <source>{file} needs {need} more but only {free} is free on the disk holding {folder}. Free some space or choose another models folder.</source>
        <translation>{file} braucht noch {need}, aber auf dem Laufwerk mit {folder} sind nur {free} frei. Schaffen Sie Platz oder wählen Sie einen anderen Modellordner.</translation>
    </message>
    <message>
        <source>The server sent more than the expected {size} bytes of {file}. The partial file was deleted; try again later.</source>
        <translation>Der Server hat mehr als die erwarteten {size} Bytes von {file} gesendet. Die Teildatei wurde gelöscht; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server keeps sending a different {file} than expected ({size} bytes). Try again later.</source>
        <translation>Der Server sendet immer wieder eine andere Datei {file} als erwartet ({size} Bytes). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>could not be reached within {waited:.0f} s</source>
        <translation>war innerhalb von {waited:.0f} s nicht erreichbar</translation>
    </message>
    <message>
        <source>stopped sending {file}: no data arrived for {waited:.0f} s</source>
        <translation>hat aufgehört, {file} zu senden: {waited:.0f} s lang kamen keine Daten</translation>
    </message>
    <message>
        <source>The download server {what}. Check your internet connection (or proxy) and try again later; the download resumes where it stopped.</source>
        <translation>Der Download-Server {what}. Prüfen Sie Ihre Internetverbindung (oder den Proxy) und versuchen Sie es später erneut; der Download setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>The server kept failing (HTTP {status}) while downloading {file}. Try again later; the download resumes where it stopped.</source>
        <translation>Der Server ist beim Herunterladen von {file} wiederholt gescheitert (HTTP {status}). Versuchen Sie es später erneut; der Download setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>The connection kept failing while downloading {file} ({exc!r}). Check your internet connection and try again; the download resumes where it stopped.</source>
        <translation>Die Verbindung ist beim Herunterladen von {file} wiederholt abgebrochen ({exc!r}). Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut; der Download setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>{model} {quant} will not run on this computer: {reason}. {way_out}</source>
        <translation>{model} {quant} läuft auf diesem Computer nicht: {reason}. {way_out}</translation>
    </message>
    <message>
        <source>This file is {size}, too large for this computer&apos;s {ram} of memory. {way_out}</source>
        <translation>Diese Datei ist {size} groß, zu groß für die {ram} Arbeitsspeicher dieses Computers. {way_out}</translation>
    </message>
    <message>
        <source>The hub&apos;s {filename} in {repo} is not the file the catalog was reviewed with (sha256 {sha256}, the catalog pins {pinned}). Ponder will not download it; {way_out}.</source>
        <translation>{filename} in {repo} auf dem Hub ist nicht die Datei, mit der der Katalog geprüft wurde (sha256 {sha256}, der Katalog erwartet {pinned}). Ponder lädt sie nicht herunter; {way_out}.</translation>
    </message>
    <message>
        <source>{endpoint} gave no sha256 or size for {filename}, so Ponder could not verify the download. Use the official hub or a mirror that serves LFS metadata.</source>
        <translation>{endpoint} hat für {filename} weder sha256 noch Größe geliefert, daher konnte Ponder den Download nicht prüfen. Verwenden Sie den offiziellen Hub oder einen Spiegel, der LFS-Metadaten liefert.</translation>
    </message>
    <message>
        <source>{model} is not downloaded: it comes with Ponder (the {package} package).</source>
        <translation>{model} wird nicht heruntergeladen: Es kommt mit Ponder (im Paket {package}).</translation>
    </message>
    <message>
        <source>bring the model on a USB stick as a model pack (Models → Import a model pack…) or as a .gguf file (Models → Import model…)</source>
        <translation>bringen Sie das Modell auf einem USB-Stick mit, als Modellpaket (Modelle → Modellpaket importieren …) oder als .gguf-Datei (Modelle → Modell importieren …)</translation>
    </message>
    <message>
        <source>a newer Ponder brings a catalog checked against the hub</source>
        <translation>ein neueres Ponder bringt einen mit dem Hub abgeglichenen Katalog mit</translation>
    </message>
    <message>
        <source>update Ponder: a newer version&apos;s catalog is checked against the hub</source>
        <translation>aktualisieren Sie Ponder: Der Katalog einer neueren Version ist mit dem Hub abgeglichen</translation>
    </message>
    <message>
        <source>Pick a smaller model or quant: the Catalog marks what fits.</source>
        <translation>Wählen Sie ein kleineres Modell oder eine kleinere Quantisierung: Der Katalog zeigt, was passt.</translation>
    </message>
    <message>
        <source>Pick a smaller model in the Catalog (Models → Models…).</source>
        <translation>Wählen Sie im Katalog ein kleineres Modell (Modelle → Modelle …).</translation>
    </message>
</context>
<context>
    <name>DraftModel</name>
    <message>
        <source>the beginning-of-text token</source>
        <translation>das Textanfangs-Token</translation>
    </message>
    <message>
        <source>the end-of-text token</source>
        <translation>das Textende-Token</translation>
    </message>
    <message>
        <source>whether a beginning-of-text token is added</source>
        <translation>ob ein Textanfangs-Token angefügt wird</translation>
    </message>
    <message>
        <source>whether an end-of-text token is added</source>
        <translation>ob ein Textende-Token angefügt wird</translation>
    </message>
    <message>
        <source>the draft model has another kind of tokenizer ({draft}, the model {target})</source>
        <translation>das Entwurfsmodell hat eine andere Art von Tokenizer ({draft}, das Modell {target})</translation>
    </message>
    <message>
        <source>{setting} differs ({draft} in the draft model, {target} in the model)</source>
        <translation>{setting} unterscheidet sich ({draft} im Entwurfsmodell, {target} im Modell)</translation>
    </message>
    <message>
        <source>a file has no vocabulary to compare</source>
        <translation>eine Datei hat kein Vokabular zum Vergleichen</translation>
    </message>
    <message>
        <source>the draft model has {draft:,} tokens and the model {target:,}, more than {limit} apart</source>
        <translation>das Entwurfsmodell hat {draft:,} Tokens und das Modell {target:,}, mehr als {limit} Unterschied</translation>
    </message>
    <message>
        <source>token {index:,} is “{draft}” in the draft model but “{target}” in the model</source>
        <translation>Token {index:,} ist „{draft}“ im Entwurfsmodell, aber „{target}“ im Modell</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>{draft} would speed up the thinking, but it cannot be read: {problem}</source>
        <translation>{draft} würde das Denken beschleunigen, kann aber nicht gelesen werden: {problem}</translation>
    </message>
    <message>
        <source>{draft} cannot draft for this model&apos;s file: {mismatch}</source>
        <translation>{draft} kann für die Datei dieses Modells keine Entwürfe liefern: {mismatch}</translation>
    </message>
    <message>
        <source>{draft} would speed up the thinking, but it is left out: {reason}</source>
        <translation>{draft} würde das Denken beschleunigen, bleibt aber weg: {reason}</translation>
    </message>
    <message>
        <source>The draft model cannot be used: {problem}</source>
        <translation>Das Entwurfsmodell kann nicht verwendet werden: {problem}</translation>
    </message>
    <message>
        <source>{draft} is the model itself; a draft model is a smaller model with the same tokenizer.</source>
        <translation>{draft} ist das Modell selbst; ein Entwurfsmodell ist ein kleineres Modell mit demselben Tokenizer.</translation>
    </message>
    <message>
        <source>{draft} cannot draft for {model}: {mismatch}. A draft model needs the model&apos;s own tokenizer.</source>
        <translation>{draft} kann für {model} keine Entwürfe liefern: {mismatch}. Ein Entwurfsmodell braucht den Tokenizer des Modells.</translation>
    </message>
    <message>
        <source>{draft} is not smaller than {model}, so drafting with it would not save time; choose a smaller model of the same family.</source>
        <translation>{draft} ist nicht kleiner als {model}, Entwürfe damit sparen also keine Zeit; wählen Sie ein kleineres Modell derselben Familie.</translation>
    </message>
</context>
<context>
    <name>Effort</name>
    <message>
        <source>Low</source>
        <translation>Wenig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Viel</translation>
    </message>
    <message>
        <source>thinking off</source>
        <translation>Denken aus</translation>
    </message>
    <message>
        <source>no thinking limit</source>
        <translation>keine Denkgrenze</translation>
    </message>
    <message>
        <source>at most {budget:,} thinking tokens</source>
        <translation>höchstens {budget:,} Denk-Token</translation>
    </message>
    <message>
        <source>{variable}={value} in the system message, {budget}</source>
        <translation>{variable}={value} in der Systemnachricht, {budget}</translation>
    </message>
    <message>
        <source>thinking off (the template&apos;s {flag}=false)</source>
        <translation>Denken aus ({flag}=false in der Vorlage)</translation>
    </message>
    <message>
        <source>{flag}=true, {budget}</source>
        <translation>{flag}=true, {budget}</translation>
    </message>
    <message>
        <source>steered by the budget: {budget}</source>
        <translation>über das Budget gesteuert: {budget}</translation>
    </message>
    <message>
        <source>Effort for {model}:</source>
        <translation>Aufwand für {model}:</translation>
    </message>
    <message>
        <source>{effort}: {how}</source>
        <translation>{effort}: {how}</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>No model is loaded. Load a model first.</source>
        <translation>Es ist kein Modell geladen. Laden Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>The model process stopped responding; it will restart with the next request.</source>
        <translation>Der Modellprozess reagiert nicht mehr; er startet mit der nächsten Anfrage neu.</translation>
    </message>
    <message>
        <source>The model process stopped unexpectedly (exit code {code}); it will restart with the next request.</source>
        <translation>Der Modellprozess wurde unerwartet beendet (Exit-Code {code}); er startet mit der nächsten Anfrage neu.</translation>
    </message>
    <message>
        <source>The model process stopped unexpectedly ({signal}). The computer was running out of memory: try a smaller model or quantization, or a smaller context size, or close other programs.</source>
        <translation>Der Modellprozess wurde unerwartet beendet ({signal}). Dem Computer ging der Arbeitsspeicher aus: Versuchen Sie ein kleineres Modell oder eine kleinere Quantisierung, eine kleinere Kontextgröße, oder schließen Sie andere Programme.</translation>
    </message>
    <message>
        <source>The model process stopped unexpectedly ({signal}). Something outside Ponder ended it; it will restart with the next request.</source>
        <translation>Der Modellprozess wurde unerwartet beendet ({signal}). Etwas außerhalb von Ponder hat ihn beendet; er startet mit der nächsten Anfrage neu.</translation>
    </message>
    <message>
        <source>The model process stopped unexpectedly ({signal}). It crashed inside llama.cpp: the model file may be damaged or unsupported. It will restart with the next request.</source>
        <translation>Der Modellprozess wurde unerwartet beendet ({signal}). Er ist in llama.cpp abgestürzt: Die Modelldatei ist vielleicht beschädigt oder wird nicht unterstützt. Er startet mit der nächsten Anfrage neu.</translation>
    </message>
    <message>
        <source>{name} ({description}) does not offer the model {wanted!r}; it offers: {offered}.</source>
        <translation>{name} ({description}) bietet das Modell {wanted!r} nicht an; angeboten werden: {offered}.</translation>
    </message>
    <message>
        <source>no model is loaded from the server yet</source>
        <translation>vom Server ist noch kein Modell geladen</translation>
    </message>
    <message>
        <source>CPU (this build of llama.cpp has no GPU backend; GPU layers are ignored)</source>
        <translation>CPU (dieser llama.cpp-Build hat kein GPU-Backend; GPU-Schichten werden ignoriert)</translation>
    </message>
    <message>
        <source>CPU (this build of llama.cpp has no GPU backend)</source>
        <translation>CPU (dieser llama.cpp-Build hat kein GPU-Backend)</translation>
    </message>
    <message>
        <source>GPU offload: all layers</source>
        <translation>GPU-Auslagerung: alle Schichten</translation>
    </message>
    <message>
        <source>GPU offload: {layers} layers</source>
        <translation>GPU-Auslagerung: {layers} Schichten</translation>
    </message>
    <message>
        <source>No model file at {path}. Check the path.</source>
        <translation>Unter {path} gibt es keine Modelldatei. Prüfen Sie den Pfad.</translation>
    </message>
    <message>
        <source>The draft model {name} is not used: {reason}</source>
        <translation>Das Entwurfsmodell {name} wird nicht verwendet: {reason}</translation>
    </message>
    <message>
        <source>The draft model {name} is not used: llama.cpp could not load it ({exc}).</source>
        <translation>Das Entwurfsmodell {name} wird nicht verwendet: llama.cpp konnte es nicht laden ({exc}).</translation>
    </message>
    <message>
        <source>The draft model {name} is not used: its memory is recurrent and cannot drop the tokens the model rejects.</source>
        <translation>Das Entwurfsmodell {name} wird nicht verwendet: Sein Speicher ist rekurrent und kann die Token, die das Modell verwirft, nicht wieder verwerfen.</translation>
    </message>
    <message>
        <source>The draft model {name} is not used: its tokenizer is not the model&apos;s ({draft_vocab:,} tokens against {target_vocab:,}).</source>
        <translation>Das Entwurfsmodell {name} wird nicht verwendet: Sein Tokenizer ist nicht der des Modells ({draft_vocab:,} Token gegenüber {target_vocab:,}).</translation>
    </message>
    <message>
        <source>llama.cpp loaded {name} but could not set up a context of {n_ctx:,} tokens: there is not enough memory for it. Choose a smaller context size.</source>
        <translation>llama.cpp hat {name} geladen, konnte aber keinen Kontext von {n_ctx:,} Token einrichten: Dafür reicht der Speicher nicht. Wählen Sie eine kleinere Kontextgröße.</translation>
    </message>
    <message>
        <source>llama.cpp could not load {name}: {exc}. The file may be damaged or of an architecture this version of Ponder does not support.</source>
        <translation>llama.cpp konnte {name} nicht laden: {exc}. Die Datei ist vielleicht beschädigt oder hat eine Architektur, die diese Ponder-Version nicht unterstützt.</translation>
    </message>
    <message>
        <source>{server}: {exc}</source>
        <translation>{server}: {exc}</translation>
    </message>
</context>
<context>
    <name>EngineHost</name>
    <message>
        <source>a chat turn</source>
        <translation>einer Chat-Antwort</translation>
    </message>
    <message>
        <source>a budget sweep</source>
        <translation>einer Budget-Reihe</translation>
    </message>
    <message>
        <source>stop it with the Stop button under the conversation</source>
        <translation>halten Sie sie mit der Schaltfläche „Anhalten“ unter dem Gespräch an</translation>
    </message>
    <message>
        <source>stop it in Teach → Budget sweep</source>
        <translation>halten Sie sie unter Unterricht → Budget-Reihe an</translation>
    </message>
    <message>
        <source>stop it</source>
        <translation>halten Sie sie an</translation>
    </message>
    <message>
        <source>No model is loaded yet. Pick one in Models → Model manager (or wait for the model to finish loading).</source>
        <translation>Noch ist kein Modell geladen. Wählen Sie eines unter Modelle → Modellverwaltung (oder warten Sie, bis das Modell fertig geladen ist).</translation>
    </message>
    <message>
        <source>The model is busy with {holder}. Wait for it to finish, or {stop_where}.</source>
        <translation>Das Modell ist mit {holder} beschäftigt. Warten Sie, bis sie fertig ist, oder {stop_where}.</translation>
    </message>
    <message>
        <source>This engine cannot end or lengthen the thinking while it runs; stop it and ask again with another budget.</source>
        <translation>Diese Engine kann das Denken während des Laufs weder beenden noch verlängern; halten Sie sie an und fragen Sie mit einem anderen Budget erneut.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Web page (*.html);;Markdown (*.md);;PDF (*.pdf)</source>
        <translation>Webseite (*.html);;Markdown (*.md);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write {file}: {problem}.</source>
        <translation>{file} konnte nicht geschrieben werden: {problem}.</translation>
    </message>
    <message>
        <source>Exported to {file}.</source>
        <translation>Exportiert nach {file}.</translation>
    </message>
    <message>
        <source>the PDF could not be written</source>
        <translation>das PDF konnte nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>ForkDialog</name>
    <message>
        <source>Fork the thinking</source>
        <translation>Denken abzweigen</translation>
    </message>
    <message>
        <source>The model goes on from the end of this thinking. Cut it shorter, change a step or plant an error; what you change or add is marked as yours in the trace. The new version appears beside the original when it is done.</source>
        <translation>Das Modell denkt ab dem Ende dieses Textes weiter. Kürzen Sie ihn, ändern Sie einen Schritt oder bauen Sie einen Fehler ein; was Sie ändern oder hinzufügen, wird im Verlauf als Ihres markiert. Die neue Version erscheint neben dem Original, sobald sie fertig ist.</translation>
    </message>
    <message>
        <source>What the model wrote after the fork point: the fork drops it</source>
        <translation>Was das Modell nach dem Abzweigpunkt schrieb: Die Abzweigung verwirft es</translation>
    </message>
    <message>
        <source>Dropped: what the model wrote after this point</source>
        <translation>Verworfen: was das Modell nach dieser Stelle schrieb</translation>
    </message>
    <message>
        <source>Text added at the fork point: a hint, a doubt, a deliberate error</source>
        <translation>Text, der am Abzweigpunkt eingefügt wird: ein Hinweis, ein Zweifel, ein absichtlicher Fehler</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Thinking tokens the model may add after the fork point</source>
        <translation>Denk-Token, die das Modell nach dem Abzweigpunkt hinzufügen darf</translation>
    </message>
    <message>
        <source>Insert at the end</source>
        <translation>Am Ende einfügen</translation>
    </message>
    <message>
        <source>Then think for</source>
        <translation>Dann denken für</translation>
    </message>
    <message>
        <source>Continue from here</source>
        <translation>Von hier aus weiter</translation>
    </message>
</context>
<context>
    <name>LiveControls</name>
    <message>
        <source>Think without a limit</source>
        <translation>Ohne Grenze denken</translation>
    </message>
    <message>
        <source>Think {n:,} tokens longer</source>
        <translation>{n:,} Token länger denken</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Ponder cannot start</source>
        <translation>Ponder kann nicht starten</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
    </message>
    <message>
        <source>Wait for the answer to finish, or stop it first.</source>
        <translation>Warten Sie, bis die Antwort fertig ist, oder halten Sie sie zuerst an.</translation>
    </message>
    <message>
        <source>Saved: the next turns use these settings.</source>
        <translation>Gespeichert: Die nächsten Runden verwenden diese Einstellungen.</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Gespräch löschen</translation>
    </message>
    <message>
        <source>Delete this conversation and all its messages?</source>
        <translation>Dieses Gespräch mit allen Nachrichten löschen?</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message>
        <source>Delete this message and the replies that followed it? Other versions of it are kept.</source>
        <translation>Diese Nachricht und die folgenden Antworten löschen? Andere Versionen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Ask something, or start from one of these. The model&apos;s thinking appears on the right, beside its answer.</source>
        <translation>Fragen Sie etwas oder beginnen Sie mit einem dieser Vorschläge. Das Denken des Modells erscheint rechts, neben seiner Antwort.</translation>
    </message>
    <message>
        <source>Thinking budget lifted: the model may think without a limit.</source>
        <translation>Denkbudget aufgehoben: Das Modell darf ohne Grenze denken.</translation>
    </message>
    <message>
        <source>Thinking budget raised by {n:,} tokens.</source>
        <translation>Denkbudget um {n:,} Token erhöht.</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>{file} wird importiert …</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Neues Gespräch</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>Ein neues Gespräch beginnen</translation>
    </message>
    <message>
        <source>&amp;Rename conversation</source>
        <translation>Gespräch &amp;umbenennen</translation>
    </message>
    <message>
        <source>&amp;Delete conversation…</source>
        <translation>Gespräch &amp;löschen …</translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation>Modell &amp;importieren …</translation>
    </message>
    <message>
        <source>Add a .gguf model file from this computer</source>
        <translation>Eine .gguf-Modelldatei von diesem Computer hinzufügen</translation>
    </message>
    <message>
        <source>Import a model &amp;pack…</source>
        <translation>Modell&amp;paket importieren …</translation>
    </message>
    <message>
        <source>Install a model from a pack folder (made with `ponder pack export`, e.g. on a USB stick), checksum-verified</source>
        <translation>Ein Modell aus einem Paketordner installieren (erstellt mit `ponder pack export`, z. B. auf einem USB-Stick), mit Prüfsummenkontrolle</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>&amp;Modelle …</translation>
    </message>
    <message>
        <source>Download, import, pick and delete models</source>
        <translation>Modelle herunterladen, importieren, auswählen und löschen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Die Nachricht senden</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Stop the answer now</source>
        <translation>Die Antwort jetzt anhalten</translation>
    </message>
    <message>
        <source>&amp;Answer now</source>
        <translation>Jetzt ant&amp;worten</translation>
    </message>
    <message>
        <source>Stop thinking now and answer (the early-stop message from the settings)</source>
        <translation>Jetzt aufhören zu denken und antworten (mit der Abbruch-Nachricht aus den Einstellungen)</translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation>&amp;Neu erzeugen</translation>
    </message>
    <message>
        <source>Write a new answer</source>
        <translation>Eine neue Antwort schreiben</translation>
    </message>
    <message>
        <source>&amp;Chain of thought</source>
        <translation>&amp;Gedankengang</translation>
    </message>
    <message>
        <source>Show or hide the chain-of-thought panel</source>
        <translation>Den Gedankengang-Bereich ein- oder ausblenden</translation>
    </message>
    <message>
        <source>C&amp;onversations</source>
        <translation>Ge&amp;spräche</translation>
    </message>
    <message>
        <source>Show or hide the conversations list</source>
        <translation>Die Gesprächsliste ein- oder ausblenden</translation>
    </message>
    <message>
        <source>&amp;Find conversation</source>
        <translation>Gespräch such&amp;en</translation>
    </message>
    <message>
        <source>&amp;About Ponder</source>
        <translation>&amp;Über Ponder</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>Thinking and answer in large type for a class</source>
        <translation>Denken und Antwort in großer Schrift für eine Klasse</translation>
    </message>
    <message>
        <source>Re&amp;play trace…</source>
        <translation>Denken &amp;abspielen …</translation>
    </message>
    <message>
        <source>Play the reply&apos;s thinking back</source>
        <translation>Das Denken der Antwort abspielen</translation>
    </message>
    <message>
        <source>&amp;Budget sweep…</source>
        <translation>&amp;Budget-Reihe …</translation>
    </message>
    <message>
        <source>Run problems at several thinking budgets: the grid and the accuracy chart</source>
        <translation>Aufgaben mit mehreren Denkbudgets lösen lassen: Tabelle und Trefferquoten-Diagramm</translation>
    </message>
    <message>
        <source>&amp;Fork the thinking…</source>
        <translation>Denken ab&amp;zweigen …</translation>
    </message>
    <message>
        <source>Edit or add to the reply&apos;s thinking and let the model go on from there</source>
        <translation>Das Denken der Antwort bearbeiten oder ergänzen und das Modell von dort weitermachen lassen</translation>
    </message>
    <message>
        <source>&amp;Compare versions side by side</source>
        <translation>&amp;Versionen nebeneinander vergleichen</translation>
    </message>
    <message>
        <source>The reply beside another version of it (regenerated, forked, another model)</source>
        <translation>Die Antwort neben einer anderen Version (neu erzeugt, abgezweigt, anderes Modell)</translation>
    </message>
    <message>
        <source>Answer with &amp;another model…</source>
        <translation>Mit einem a&amp;nderen Modell antworten …</translation>
    </message>
    <message>
        <source>The same question answered by another model, shown side by side</source>
        <translation>Dieselbe Frage, von einem anderen Modell beantwortet, nebeneinander gezeigt</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>Gespräch e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Save this conversation, thinking included, as HTML, Markdown or PDF</source>
        <translation>Dieses Gespräch samt Denken als HTML, Markdown oder PDF speichern</translation>
    </message>
    <message>
        <source>Conversation se&amp;ttings…</source>
        <translation>Gesprächseins&amp;tellungen …</translation>
    </message>
    <message>
        <source>System prompt, temperature, top-p, seed and past reasoning for this conversation</source>
        <translation>Systemprompt, Temperatur, Top-p, Seed und früheres Denken für dieses Gespräch</translation>
    </message>
    <message>
        <source>Ne&amp;xt conversation</source>
        <translation>Nä&amp;chstes Gespräch</translation>
    </message>
    <message>
        <source>Pre&amp;vious conversation</source>
        <translation>&amp;Vorheriges Gespräch</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Every shortcut of the window</source>
        <translation>Alle Tastenkürzel des Fensters</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Gespräch</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Teach</source>
        <translation>&amp;Unterricht</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>ModelBar</name>
    <message>
        <source>The model that answers</source>
        <translation>Das Modell, das antwortet</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>Noch kein Modell</translation>
    </message>
    <message>
        <source>Chain of thought</source>
        <translation>Gedankengang</translation>
    </message>
    <message>
        <source>Show or hide the chain of thought (Ctrl+T)</source>
        <translation>Den Gedankengang ein- oder ausblenden (Strg+T)</translation>
    </message>
    <message>
        <source>SmolLM2 135M (demo)</source>
        <translation>SmolLM2 135M (Demo)</translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation>Modelle verwalten …</translation>
    </message>
    <message>
        <source>Asking {server} for {model}…</source>
        <translation>Frage {server} nach {model}…</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>{file} wird geladen …</translation>
    </message>
    <message>
        <source> · {n} tokens of context</source>
        <translation> · {n} Tokens Kontext</translation>
    </message>
    <message>
        <source>{where} · {n_ctx:,} tokens of context</source>
        <translation>{where} · {n_ctx:,} Token Kontext</translation>
    </message>
    <message>
        <source> · drafts with {draft}</source>
        <translation> · Entwürfe von {draft}</translation>
    </message>
    <message>
        <source>{draft} drafts tokens for this model (speculative decoding).</source>
        <translation>{draft} entwirft Tokens für dieses Modell (spekulatives Dekodieren).</translation>
    </message>
    <message>
        <source>No draft model: {problem}</source>
        <translation>Kein Entwurfsmodell: {problem}</translation>
    </message>
    <message>
        <source>The model could not be loaded.</source>
        <translation>Das Modell konnte nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>ModelDetails</name>
    <message>
        <source>Runs on the GPU</source>
        <translation>Läuft auf der GPU</translation>
    </message>
    <message>
        <source>Part GPU, part CPU</source>
        <translation>Teils GPU, teils CPU</translation>
    </message>
    <message>
        <source>Runs on the CPU</source>
        <translation>Läuft auf der CPU</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>brauchbar</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>langsam</translation>
    </message>
    <message>
        <source>very slow</source>
        <translation>sehr langsam</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft …</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Zu groß</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familie</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>{n:g} billion</source>
        <translation>{n:g} Milliarden</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>License</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>{length:,} tokens (Ponder starts with {start:,})</source>
        <translation>{length:,} Token (Ponder beginnt mit {start:,})</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>&lt;b&gt;{badge}&lt;/b&gt;: {reason}. About {memory} of memory at {n_ctx:,} tokens of context; roughly {speed:.0f} tokens/s.</source>
        <translation>&lt;b&gt;{badge}&lt;/b&gt;: {reason}. Etwa {memory} Arbeitsspeicher bei {n_ctx:,} Token Kontext; ungefähr {speed:.0f} Token/s.</translation>
    </message>
    <message>
        <source>Not a reasoning model: it does not really think.</source>
        <translation>Kein Reasoning-Modell: Es denkt nicht wirklich nach.</translation>
    </message>
    <message>
        <source>Can think faster with speculative decoding on (Settings): {draft} is installed and drafts tokens for it, where memory allows both.</source>
        <translation>Kann mit spekulativem Dekodieren (Einstellungen) schneller denken: {draft} ist installiert und entwirft Tokens dafür, wo der Speicher für beide reicht.</translation>
    </message>
    <message>
        <source>Can think faster with {draft} installed: with speculative decoding on (Settings), the small model drafts tokens for this one.</source>
        <translation>Kann schneller denken, wenn {draft} installiert ist: mit spekulativem Dekodieren (Einstellungen) entwirft das kleine Modell Tokens für dieses.</translation>
    </message>
    <message>
        <source>not verified (the file was put in the folder by hand)</source>
        <translation>nicht geprüft (die Datei wurde von Hand in den Ordner gelegt)</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
</context>
<context>
    <name>ModelDownloads</name>
    <message>
        <source>The download failed: {problem}</source>
        <translation>Der Download ist fehlgeschlagen: {problem}</translation>
    </message>
</context>
<context>
    <name>ModelFile</name>
    <message>
        <source>{file} is truncated: the header says the file holds at least {needed:,} bytes (to reach the end of {what}), but the file ends at byte {size:,}; the download may be incomplete — download it again.</source>
        <translation>{file} ist abgeschnitten: Laut Kopf enthält die Datei mindestens {needed:,} Bytes (bis zum Ende von {what}), aber sie endet bei Byte {size:,}; der Download ist vielleicht unvollständig – laden Sie sie erneut herunter.</translation>
    </message>
    <message>
        <source>{file} is not a usable GGUF model: {detail}. The file is damaged or was not made for llama.cpp; download it again or choose another file.</source>
        <translation>{file} ist kein brauchbares GGUF-Modell: {detail}. Die Datei ist beschädigt oder nicht für llama.cpp gemacht; laden Sie sie erneut herunter oder wählen Sie eine andere Datei.</translation>
    </message>
</context>
<context>
    <name>ModelFit</name>
    <message>
        <source>fits in the {gpu}&apos;s {memory} of memory</source>
        <translation>passt in die {memory} Speicher der {gpu}</translation>
    </message>
    <message>
        <source>{on_gpu} of {layers} layers fit on the {gpu}; the rest run on the CPU</source>
        <translation>{on_gpu} von {layers} Schichten passen auf die {gpu}; der Rest läuft auf der CPU</translation>
    </message>
    <message>
        <source>needs {need}; {free} of memory is free</source>
        <translation>braucht {need}; {free} Arbeitsspeicher sind frei</translation>
    </message>
    <message>
        <source>needs {need}, more than the {free} free now: close other programs first</source>
        <translation>braucht {need}, mehr als die jetzt freien {free}: Schließen Sie zuerst andere Programme</translation>
    </message>
    <message>
        <source>needs {need} but this computer has {ram} of memory and {vram} on the GPU</source>
        <translation>braucht {need}, aber dieser Computer hat {ram} Arbeitsspeicher und {vram} auf der GPU</translation>
    </message>
    <message>
        <source>needs {need} but this computer has {ram} of memory</source>
        <translation>braucht {need}, aber dieser Computer hat {ram} Arbeitsspeicher</translation>
    </message>
    <message>
        <source>{name}&apos;s authors recommend room for answers of up to {output:,} tokens; at a context of {n_ctx:,} tokens a long answer will be cut off (a larger context needs more memory)</source>
        <translation>Die Autoren von {name} empfehlen Platz für Antworten mit bis zu {output:,} Token; bei einem Kontext von {n_ctx:,} Token wird eine lange Antwort abgeschnitten (ein größerer Kontext braucht mehr Speicher)</translation>
    </message>
    <message>
        <source>{file} needs about {need} at a context of {n_ctx} tokens, but this computer has {ram} of memory and {vram} on the GPU</source>
        <translation>{file} braucht bei einem Kontext von {n_ctx} Token etwa {need}, aber dieser Computer hat {ram} Arbeitsspeicher und {vram} auf der GPU</translation>
    </message>
    <message>
        <source>{file} needs about {need} at a context of {n_ctx} tokens, but this computer has {ram} of memory</source>
        <translation>{file} braucht bei einem Kontext von {n_ctx} Token etwa {need}, aber dieser Computer hat {ram} Arbeitsspeicher</translation>
    </message>
    <message>
        <source>together with the draft model {draft}, {file} needs about {need} at a context of {n_ctx} tokens, but this computer has {ram} of memory and {vram} on the GPU</source>
        <translation>zusammen mit dem Entwurfsmodell {draft} braucht {file} bei einem Kontext von {n_ctx} Token etwa {need}, aber dieser Computer hat {ram} Arbeitsspeicher und {vram} auf der GPU</translation>
    </message>
    <message>
        <source>together with the draft model {draft}, {file} needs about {need} at a context of {n_ctx} tokens, but this computer has {ram} of memory</source>
        <translation>zusammen mit dem Entwurfsmodell {draft} braucht {file} bei einem Kontext von {n_ctx} Token etwa {need}, aber dieser Computer hat {ram} Arbeitsspeicher</translation>
    </message>
    <message>
        <source>{reason}. Use a smaller model or quantization, or a smaller context size.</source>
        <translation>{reason}. Verwenden Sie ein kleineres Modell, eine kleinere Quantisierung oder eine kleinere Kontextgröße.</translation>
    </message>
</context>
<context>
    <name>ModelImport</name>
    <message>
        <source>{shown_as} is not a model Ponder can load: {exc}</source>
        <translation>{shown_as} ist kein Modell, das Ponder laden kann: {exc}</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full ({problem}). Free some space or choose another models folder, then try again; nothing was left behind.</source>
        <translation>Das Laufwerk mit {folder} ist voll ({problem}). Schaffen Sie Platz oder wählen Sie einen anderen Modellordner und versuchen Sie es dann erneut; es ist nichts zurückgeblieben.</translation>
    </message>
    <message>
        <source>Could not copy {src} to {folder}: {exc}</source>
        <translation>{src} konnte nicht nach {folder} kopiert werden: {exc}</translation>
    </message>
    <message>
        <source>{src} is damaged: its sha256 is {digest}, not the expected {expected_sha256}. Nothing was installed; copy the file again from a good source.</source>
        <translation>{src} ist beschädigt: Ihr sha256 ist {digest}, nicht das erwartete {expected_sha256}. Es wurde nichts installiert; kopieren Sie die Datei erneut aus einer guten Quelle.</translation>
    </message>
    <message>
        <source>There is no file at {src}.</source>
        <translation>Unter {src} gibt es keine Datei.</translation>
    </message>
    <message>
        <source>{file} is not a .gguf file. Ponder runs GGUF models; convert other formats with llama.cpp&apos;s convert_hf_to_gguf.py first.</source>
        <translation>{file} ist keine .gguf-Datei. Ponder führt GGUF-Modelle aus; wandeln Sie andere Formate zuerst mit convert_hf_to_gguf.py von llama.cpp um.</translation>
    </message>
    <message>
        <source>A different model called {file} is already installed ({dest}). Rename one of them, then import again.</source>
        <translation>Ein anderes Modell namens {file} ist bereits installiert ({dest}). Benennen Sie eines davon um und importieren Sie dann erneut.</translation>
    </message>
    <message>
        <source>{src} is already in the models folder.</source>
        <translation>{src} liegt bereits im Modellordner.</translation>
    </message>
    <message>
        <source>The pack&apos;s manifest is damaged: {key} is {value!r}.</source>
        <translation>Das Manifest des Pakets ist beschädigt: {key} ist {value!r}.</translation>
    </message>
    <message>
        <source>{folder} is not a Ponder model pack (it has no {manifest}). Choose the folder that `ponder pack export` created.</source>
        <translation>{folder} ist kein Ponder-Modellpaket (es hat keine {manifest}). Wählen Sie den Ordner, den `ponder pack export` angelegt hat.</translation>
    </message>
    <message>
        <source>The pack&apos;s manifest in {folder} cannot be read: {exc}</source>
        <translation>Das Manifest des Pakets in {folder} kann nicht gelesen werden: {exc}</translation>
    </message>
    <message>
        <source>{folder} holds a pack this version of Ponder does not understand.</source>
        <translation>{folder} enthält ein Paket, das diese Ponder-Version nicht versteht.</translation>
    </message>
    <message>
        <source>The pack&apos;s manifest in {folder} is damaged (no model).</source>
        <translation>Das Manifest des Pakets in {folder} ist beschädigt (kein Modell).</translation>
    </message>
    <message>
        <source>The pack&apos;s manifest in {folder} is damaged (file name or sha256).</source>
        <translation>Das Manifest des Pakets in {folder} ist beschädigt (Dateiname oder sha256).</translation>
    </message>
    <message>
        <source>The pack&apos;s manifest in {folder} is damaged: {exc}</source>
        <translation>Das Manifest des Pakets in {folder} ist beschädigt: {exc}</translation>
    </message>
    <message>
        <source>The pack&apos;s catalog entry is not valid: {exc}</source>
        <translation>Der Katalogeintrag des Pakets ist ungültig: {exc}</translation>
    </message>
    <message>
        <source>The pack in {folder} is missing its model file {file}.</source>
        <translation>Dem Paket in {folder} fehlt seine Modelldatei {file}.</translation>
    </message>
    <message>
        <source>{src} is {actual} bytes, not {size}: the copy on this drive is incomplete. Copy the pack again.</source>
        <translation>{src} hat {actual} Bytes, nicht {size}: Die Kopie auf diesem Laufwerk ist unvollständig. Kopieren Sie das Paket erneut.</translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <source>The engine could not start: {problem}</source>
        <translation>Die Engine konnte nicht starten: {problem}</translation>
    </message>
    <message>
        <source>The engine stopped before the model was loaded. Try loading it again.</source>
        <translation>Die Engine wurde beendet, bevor das Modell geladen war. Versuchen Sie, es erneut zu laden.</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>checking</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Import .gguf…</source>
        <translation>.gguf importieren …</translation>
    </message>
    <message>
        <source>Add a GGUF file from this computer (or drop it here)</source>
        <translation>Eine GGUF-Datei von diesem Computer hinzufügen (oder hierher ziehen)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <source>SmolLM2 135M — built-in demo</source>
        <translation>SmolLM2 135M — eingebaute Demo</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>{name}  · in use</source>
        <translation>{name}  · in Verwendung</translation>
    </message>
    <message>
        <source>&lt;p&gt;No models yet. Download one from the &lt;b&gt;Catalog&lt;/b&gt; tab, or import a &lt;code&gt;.gguf&lt;/code&gt; file (you can drop it on this window).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Noch keine Modelle. Laden Sie eines im Reiter &lt;b&gt;Katalog&lt;/b&gt; herunter oder importieren Sie eine &lt;code&gt;.gguf&lt;/code&gt;-Datei (Sie können sie auf dieses Fenster ziehen).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SmolLM2 135M Instruct (demo)&lt;/h3&gt;&lt;p&gt;A tiny model that comes with Ponder so you can try the app at once. It is not a reasoner: its “thinking” is Ponder prompting it to think, and its answers are often wrong. Download a real reasoner from the Catalog tab.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SmolLM2 135M Instruct (Demo)&lt;/h3&gt;&lt;p&gt;Ein winziges Modell, das mit Ponder kommt, damit Sie die App sofort ausprobieren können. Es ist kein Reasoning-Modell: Sein „Denken“ entsteht, weil Ponder es dazu auffordert, und seine Antworten sind oft falsch. Laden Sie im Reiter Katalog ein echtes Reasoning-Modell herunter.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>Ein Modell importieren</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-Modelle (*.gguf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>{file} wird importiert …</translation>
    </message>
    <message>
        <source>Imported {filename}.</source>
        <translation>{filename} importiert.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Delete {filename} ({size}) from the models folder?
Your conversations are kept.</source>
        <translation>{filename} ({size}) aus dem Modellordner löschen?
Ihre Gespräche bleiben erhalten.</translation>
    </message>
    <message>
        <source>This computer looks offline, so downloads are off. Installed models still work; import a .gguf file or a model pack (Models menu) to add one.</source>
        <translation>Dieser Computer scheint offline zu sein, daher sind Downloads ausgeschaltet. Installierte Modelle funktionieren weiter; importieren Sie eine .gguf-Datei oder ein Modellpaket (Menü Modelle), um eines hinzuzufügen.</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>Modelle durchsuchen</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>Alle Familien</translation>
    </message>
    <message>
        <source>Fits this computer</source>
        <translation>Passt auf diesen Computer</translation>
    </message>
    <message>
        <source>Quant</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installiert</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>partial download ({0})</source>
        <translation>teilweise heruntergeladen ({0})</translation>
    </message>
    <message>
        <source> (recommended)</source>
        <translation> (empfohlen)</translation>
    </message>
    <message>
        <source>{0} quants</source>
        <translation>{0} Quantisierungen</translation>
    </message>
    <message>
        <source>Checking this computer…</source>
        <translation>Dieser Computer wird geprüft …</translation>
    </message>
    <message>
        <source>No models match. Clear the search or the filters.</source>
        <translation>Keine passenden Modelle. Leeren Sie die Suche oder die Filter.</translation>
    </message>
    <message>
        <source>Checking what this computer can run…</source>
        <translation>Es wird geprüft, was dieser Computer ausführen kann …</translation>
    </message>
    <message>
        <source>; GPU: {name}</source>
        <translation>; GPU: {name}</translation>
    </message>
    <message>
        <source>; no GPU offload</source>
        <translation>; keine GPU-Auslagerung</translation>
    </message>
    <message>
        <source>This computer: {memory} of memory ({free} free), {cores} cores{gpu}.</source>
        <translation>Dieser Computer: {memory} Arbeitsspeicher ({free} frei), {cores} Kerne{gpu}.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>{phase} {done} of {total}{speed}</source>
        <translation>{phase} {done} von {total}{speed}</translation>
    </message>
</context>
<context>
    <name>ModelSwitcher</name>
    <message>
        <source>Model not loaded</source>
        <translation>Modell nicht geladen</translation>
    </message>
    <message>
        <source>This conversation was held with {model}; that server is no longer in Models → Servers.</source>
        <translation>Dieses Gespräch wurde mit {model} geführt; dieser Server steht nicht mehr unter Modelle → Server.</translation>
    </message>
    <message>
        <source>This conversation was held with {model}: asking its server.</source>
        <translation>Dieses Gespräch wurde mit {model} geführt: frage seinen Server.</translation>
    </message>
    <message>
        <source>{file} is ready: pick it above.</source>
        <translation>{file} ist bereit: Wählen Sie es oben aus.</translation>
    </message>
</context>
<context>
    <name>ModelTasks</name>
    <message>
        <source>Could not read the models folder: {problem}</source>
        <translation>Der Modellordner konnte nicht gelesen werden: {problem}</translation>
    </message>
    <message>
        <source>Could not import {path}: {exc}</source>
        <translation>{path} konnte nicht importiert werden: {exc}</translation>
    </message>
    <message>
        <source>Could not delete {name}: {exc}</source>
        <translation>{name} konnte nicht gelöscht werden: {exc}</translation>
    </message>
</context>
<context>
    <name>Paths</name>
    <message>
        <source>Could not create the folder {path}: the disk is full ({reason}). Free some space, then start Ponder again.</source>
        <translation>Der Ordner {path} konnte nicht angelegt werden: Das Laufwerk ist voll ({reason}). Schaffen Sie Platz und starten Sie Ponder dann erneut.</translation>
    </message>
    <message>
        <source>Could not create the folder {path}: a file is in the way ({reason}). Move that file, or set {variable} to a folder Ponder may use, then start Ponder again.</source>
        <translation>Der Ordner {path} konnte nicht angelegt werden: Eine Datei steht im Weg ({reason}). Verschieben Sie diese Datei oder setzen Sie {variable} auf einen Ordner, den Ponder verwenden darf, und starten Sie Ponder dann erneut.</translation>
    </message>
    <message>
        <source>Could not create the folder {path}: {reason}. Make sure you may write there (or set {variable} to a folder you may write in), then start Ponder again.</source>
        <translation>Der Ordner {path} konnte nicht angelegt werden: {reason}. Stellen Sie sicher, dass Sie dort schreiben dürfen (oder setzen Sie {variable} auf einen Ordner, in dem Sie schreiben dürfen), und starten Sie Ponder dann erneut.</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presenter — Ponder</source>
        <translation>Präsentation — Ponder</translation>
    </message>
    <message>
        <source>How the model thinks</source>
        <translation>Wie das Modell denkt</translation>
    </message>
    <message>
        <source>The answer is hidden.
What do you think it will be?</source>
        <translation>Die Antwort ist verdeckt.
Was glauben Sie, wie sie lautet?</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Reveal answer</source>
        <translation>Antwort aufdecken</translation>
    </message>
    <message>
        <source>Show or hide the answer (Space)</source>
        <translation>Die Antwort zeigen oder verbergen (Leertaste)</translation>
    </message>
    <message>
        <source>Hide answer</source>
        <translation>Antwort verbergen</translation>
    </message>
    <message>
        <source>Space: hide the answer · {keys}: answer now · Esc: leave presenter mode</source>
        <translation>Leertaste: Antwort verbergen · {keys}: jetzt antworten · Esc: Präsentationsmodus verlassen</translation>
    </message>
    <message>
        <source>Space: reveal the answer · {keys}: answer now · Esc: leave presenter mode</source>
        <translation>Leertaste: Antwort aufdecken · {keys}: jetzt antworten · Esc: Präsentationsmodus verlassen</translation>
    </message>
</context>
<context>
    <name>ProblemSets</name>
    <message>
        <source>{source} is not a valid problem-set file: {exc} Check the TOML syntax (strings in double quotes, each problem under a &quot;[[problem]]&quot; line).</source>
        <translation>{source} ist keine gültige Aufgabensammlung: {exc} Prüfen Sie die TOML-Syntax (Texte in doppelten Anführungszeichen, jede Aufgabe unter einer Zeile &quot;[[problem]]&quot;).</translation>
    </message>
    <message>
        <source>{source}: add a name at the top, for example name = &quot;Fractions&quot;.</source>
        <translation>{source}: Fügen Sie oben einen Namen hinzu, zum Beispiel name = &quot;Brüche&quot;.</translation>
    </message>
    <message>
        <source>{source} has no problems: add at least one &quot;[[problem]]&quot; table with a question and an answer.</source>
        <translation>{source} enthält keine Aufgaben: Fügen Sie mindestens eine Tabelle &quot;[[problem]]&quot; mit einer Frage und einer Antwort hinzu.</translation>
    </message>
    <message>
        <source>{source}, problem {number}</source>
        <translation>{source}, Aufgabe {number}</translation>
    </message>
    <message>
        <source>{where} is not a table: write each problem under its own &quot;[[problem]]&quot; line with question = &quot;…&quot; and answer = &quot;…&quot;.</source>
        <translation>{where} ist keine Tabelle: Schreiben Sie jede Aufgabe unter eine eigene Zeile &quot;[[problem]]&quot; mit question = &quot;…&quot; und answer = &quot;…&quot;.</translation>
    </message>
    <message>
        <source>{where}: the question is missing; add question = &quot;…&quot;.</source>
        <translation>{where}: Die Frage fehlt; fügen Sie question = &quot;…&quot; hinzu.</translation>
    </message>
    <message>
        <source>{where}: the answer is missing; add answer = &quot;…&quot;.</source>
        <translation>{where}: Die Antwort fehlt; fügen Sie answer = &quot;…&quot; hinzu.</translation>
    </message>
    <message>
        <source>{where}: kind must be one of {kinds}, not {kind!r}.</source>
        <translation>{where}: kind muss eines von {kinds} sein, nicht {kind!r}.</translation>
    </message>
    <message>
        <source>There is no bundled problem set called {name!r}. Bundled sets: {names}; or give the path of your own .toml file.</source>
        <translation>Es gibt keine mitgelieferte Aufgabensammlung namens {name!r}. Mitgeliefert: {names}; oder geben Sie den Pfad Ihrer eigenen .toml-Datei an.</translation>
    </message>
    <message>
        <source>{where}: the id must be a word or a number, like id = &quot;q1&quot;.</source>
        <translation>{where}: Die id muss ein Wort oder eine Zahl sein, etwa id = &quot;q1&quot;.</translation>
    </message>
    <message>
        <source>{where}: the id {problem_id!r} is used twice; make it unique.</source>
        <translation>{where}: Die id {problem_id!r} kommt zweimal vor; machen Sie sie eindeutig.</translation>
    </message>
    <message>
        <source>{source}: the description must be text, description = &quot;…&quot;.</source>
        <translation>{source}: Die Beschreibung muss Text sein, description = &quot;…&quot;.</translation>
    </message>
    <message>
        <source>There is no problem-set file at {path}.</source>
        <translation>Unter {path} gibt es keine Aufgabensammlung.</translation>
    </message>
    <message>
        <source>Could not read the problem-set file {path}: {exc}.</source>
        <translation>Die Aufgabensammlung {path} konnte nicht gelesen werden: {exc}.</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>output past {limit} characters</source>
        <translation>Ausgabe über {limit} Zeichen</translation>
    </message>
    <message>
        <source>The model&apos;s chat template is {size} KB long, more than Ponder accepts ({limit} KB). The model file may be damaged or altered; try another copy of the model.</source>
        <translation>Die Chat-Vorlage des Modells ist {size} KB lang, mehr als Ponder annimmt ({limit} KB). Die Modelldatei ist vielleicht beschädigt oder verändert; versuchen Sie eine andere Kopie des Modells.</translation>
    </message>
    <message>
        <source>The model&apos;s chat template has an error (line {lineno}: {message}). Try another copy of the model, or a newer conversion of it.</source>
        <translation>Die Chat-Vorlage des Modells enthält einen Fehler (Zeile {lineno}: {message}). Versuchen Sie eine andere Kopie des Modells oder eine neuere Umwandlung davon.</translation>
    </message>
    <message>
        <source>The model&apos;s chat template tried something unsafe and was stopped ({exc}). Use a copy of the model from a source you trust.</source>
        <translation>Die Chat-Vorlage des Modells hat etwas Unsicheres versucht und wurde angehalten ({exc}). Verwenden Sie eine Kopie des Modells aus einer Quelle, der Sie vertrauen.</translation>
    </message>
    <message>
        <source>The model&apos;s chat template refused this conversation: {exc}. Check the conversation (roles must alternate user/assistant) or try another copy of the model.</source>
        <translation>Die Chat-Vorlage des Modells hat dieses Gespräch abgelehnt: {exc}. Prüfen Sie das Gespräch (die Rollen müssen zwischen user und assistant wechseln) oder versuchen Sie eine andere Kopie des Modells.</translation>
    </message>
    <message>
        <source>The model&apos;s chat template failed ({kind}: {exc}). Try another copy of the model, or a newer conversion of it.</source>
        <translation>Die Chat-Vorlage des Modells ist fehlgeschlagen ({kind}: {exc}). Versuchen Sie eine andere Kopie des Modells oder eine neuere Umwandlung davon.</translation>
    </message>
    <message>
        <source>There is no user message to answer. Type a message first.</source>
        <translation>Es gibt keine Nachricht zum Beantworten. Schreiben Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>The model&apos;s chat template rewrites message text in a way Ponder cannot render safely. Try another copy of the model, or a newer conversion of it.</source>
        <translation>Die Chat-Vorlage des Modells schreibt Nachrichtentext so um, dass Ponder ihn nicht sicher darstellen kann. Versuchen Sie eine andere Kopie des Modells oder eine neuere Umwandlung davon.</translation>
    </message>
    <message>
        <source>A fork continues the model&apos;s thinking, so thinking cannot be off for it. Choose a thinking budget other than Off.</source>
        <translation>Eine Abzweigung setzt das Denken des Modells fort, daher kann das Denken dafür nicht aus sein. Wählen Sie ein anderes Denkbudget als Aus.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>Model too large</source>
        <translation>Modell zu groß</translation>
    </message>
    <message>
        <source>The context size is in Settings. Loading it anyway may fail, or make this computer very slow while the model runs.</source>
        <translation>Die Kontextgröße finden Sie in den Einstellungen. Trotzdem zu laden kann fehlschlagen oder diesen Computer sehr langsam machen, solange das Modell läuft.</translation>
    </message>
    <message>
        <source>Load anyway</source>
        <translation>Trotzdem laden</translation>
    </message>
</context>
<context>
    <name>ReplayWindow</name>
    <message>
        <source>Replay — Ponder</source>
        <translation>Wiedergabe — Ponder</translation>
    </message>
    <message>
        <source>Chain of thought — replay</source>
        <translation>Gedankengang — Wiedergabe</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Abspielen oder anhalten (Leertaste)</translation>
    </message>
    <message>
        <source>Back a paragraph (Ctrl+Left)</source>
        <translation>Einen Absatz zurück (Strg+Links)</translation>
    </message>
    <message>
        <source>◀ word</source>
        <translation>◀ Wort</translation>
    </message>
    <message>
        <source>Back a word (Left)</source>
        <translation>Ein Wort zurück (Links)</translation>
    </message>
    <message>
        <source>word ▶</source>
        <translation>Wort ▶</translation>
    </message>
    <message>
        <source>Forward a word (Right)</source>
        <translation>Ein Wort vor (Rechts)</translation>
    </message>
    <message>
        <source>Forward a paragraph (Ctrl+Right)</source>
        <translation>Einen Absatz vor (Strg+Rechts)</translation>
    </message>
    <message>
        <source>Where the replay stands: drag to jump</source>
        <translation>Wo die Wiedergabe steht: ziehen, um zu springen</translation>
    </message>
    <message>
        <source>{speed:g}× recorded</source>
        <translation>{speed:g}× Aufnahmetempo</translation>
    </message>
    <message>
        <source>{rate:g} tokens/s</source>
        <translation>{rate:g} Token/s</translation>
    </message>
    <message>
        <source>Recorded pace: {recorded_tokens_per_s:.1f} tokens/s</source>
        <translation>Aufgenommenes Tempo: {recorded_tokens_per_s:.1f} Token/s</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>{where} · {shown_tokens} · replay at {speed}</source>
        <translation>{where} · {shown_tokens} · Wiedergabe mit {speed}</translation>
    </message>
</context>
<context>
    <name>ReplyDetails</name>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>token limit reached</source>
        <translation>Token-Grenze erreicht</translation>
    </message>
    <message>
        <source>context full</source>
        <translation>Kontext voll</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>von Ihnen angehalten</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>{speed:.1f} tok/s</source>
        <translation>{speed:.1f} Tok./s</translation>
    </message>
    <message>
        <source>drafts kept {rate:.0%}</source>
        <translation>Entwürfe behalten {rate:.0%}</translation>
    </message>
    <message>
        <source>first token {seconds:.2f} s</source>
        <translation>erstes Token nach {seconds:.2f} s</translation>
    </message>
    <message>
        <source>draft model: {accepted:,} of {drafted:,} kept</source>
        <translation>Entwurfsmodell: {accepted:,} von {drafted:,} behalten</translation>
    </message>
</context>
<context>
    <name>Servers</name>
    <message>
        <source>the CA file {ca_file} for {name} cannot be read ({exc})</source>
        <translation>die CA-Datei {ca_file} für {name} kann nicht gelesen werden ({exc})</translation>
    </message>
    <message>
        <source>{name}: its TLS certificate could not be verified ({exc}). If the server uses its own certificate authority, {ca_file}.</source>
        <translation>{name}: Sein TLS-Zertifikat konnte nicht geprüft werden ({exc}). Verwendet der Server eine eigene Zertifizierungsstelle, {ca_file}.</translation>
    </message>
    <message>
        <source>{name}: the TLS connection failed ({exc}).</source>
        <translation>{name}: Die TLS-Verbindung ist fehlgeschlagen ({exc}).</translation>
    </message>
    <message>
        <source>{name}: the host name could not be found; check the address and network.</source>
        <translation>{name}: Der Hostname wurde nicht gefunden; prüfen Sie Adresse und Netzwerk.</translation>
    </message>
    <message>
        <source>{name}: no answer to the connection; is it up?</source>
        <translation>{name}: keine Antwort auf die Verbindung; läuft er?</translation>
    </message>
    <message>
        <source>{name}: the connection was refused; is the server running at {base_url}?</source>
        <translation>{name}: Die Verbindung wurde abgelehnt; läuft der Server unter {base_url}?</translation>
    </message>
    <message>
        <source>{name}: the request failed ({kind}: {exc}).</source>
        <translation>{name}: Die Anfrage ist fehlgeschlagen ({kind}: {exc}).</translation>
    </message>
    <message>
        <source>{name} did not answer in time.</source>
        <translation>{name} hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>{server} does not count tokens: the earlier turns left out to fit its context were chosen by an estimate of the conversation&apos;s length.</source>
        <translation>{server} zählt keine Token: Welche früheren Gesprächsschritte weggelassen wurden, damit alles in seinen Kontext passt, beruht auf einer Schätzung der Gesprächslänge.</translation>
    </message>
    <message>
        <source>Minimum thinking is unavailable on {server}: it cannot continue a model&apos;s reasoning, so no &quot;Wait&quot; will be added to this reply.</source>
        <translation>Mindest-Denken ist auf {server} nicht verfügbar: Er kann das Denken eines Modells nicht fortsetzen, daher wird dieser Antwort kein „Wait“ hinzugefügt.</translation>
    </message>
    <message>
        <source>{server} has no switch for thinking off; Ponder will say if the model thinks anyway.</source>
        <translation>{server} hat keinen Schalter zum Ausschalten des Denkens; Ponder sagt Bescheid, falls das Modell trotzdem denkt.</translation>
    </message>
    <message>
        <source>{server} keeps the thinking budget it was given when the reply began; it cannot be raised in the middle of this reply.</source>
        <translation>{server} behält das Denkbudget, das zu Beginn der Antwort galt; es lässt sich mitten in dieser Antwort nicht erhöhen.</translation>
    </message>
    <message>
        <source>{server} did not keep the thinking budget of {budget}; Ponder ended the thinking itself.</source>
        <translation>{server} hat das Denkbudget von {budget} nicht eingehalten; Ponder hat das Denken selbst beendet.</translation>
    </message>
    <message>
        <source>{server} cannot continue a reply, so the thinking was stopped here and no answer follows.</source>
        <translation>{server} kann eine Antwort nicht fortsetzen, daher wurde das Denken hier angehalten, und es folgt keine Antwort.</translation>
    </message>
    <message>
        <source>{server} does not count reasoning tokens: the thinking figure ({thinking_tokens}) is Ponder&apos;s count of streamed pieces, an estimate.</source>
        <translation>{server} zählt keine Denk-Token: Die Denk-Zahl ({thinking_tokens}) ist Ponders Zählung der gestreamten Stücke, eine Schätzung.</translation>
    </message>
    <message>
        <source>the server address is empty</source>
        <translation>die Serveradresse ist leer</translation>
    </message>
    <message>
        <source>{raw!r} has no scheme: write it as http://HOST:PORT or https://HOST</source>
        <translation>{raw!r} hat kein Schema: Schreiben Sie sie als http://HOST:PORT oder https://HOST</translation>
    </message>
    <message>
        <source>{raw!r} is not a valid address ({exc})</source>
        <translation>{raw!r} ist keine gültige Adresse ({exc})</translation>
    </message>
    <message>
        <source>{raw!r} uses {scheme}://; Ponder talks to servers over http:// or https:// only</source>
        <translation>{raw!r} verwendet {scheme}://; Ponder spricht mit Servern nur über http:// oder https://</translation>
    </message>
    <message>
        <source>the address holds a user name or password; remove it and {give_key} (the key is kept out of the address, logs and exports)</source>
        <translation>die Adresse enthält einen Benutzernamen oder ein Passwort; entfernen Sie es und {give_key} (der Schlüssel bleibt aus Adresse, Protokollen und Exporten heraus)</translation>
    </message>
    <message>
        <source>{raw!r} names no host</source>
        <translation>{raw!r} nennt keinen Host</translation>
    </message>
    <message>
        <source>{raw!r} has a query or fragment; give the base address only</source>
        <translation>{raw!r} enthält eine Abfrage oder ein Fragment; geben Sie nur die Basisadresse an</translation>
    </message>
    <message>
        <source>the system keyring ({kind})</source>
        <translation>der Schlüsselbund des Systems ({kind})</translation>
    </message>
    <message>
        <source>{file} (readable by you only)</source>
        <translation>{file} (nur für Sie lesbar)</translation>
    </message>
    <message>
        <source>an API key must be one line of text</source>
        <translation>ein API-Schlüssel muss eine Zeile Text sein</translation>
    </message>
    <message>
        <source>the system keyring refused to store the key for {server!r} ({kind})</source>
        <translation>der Schlüsselbund des Systems hat sich geweigert, den Schlüssel für {server!r} zu speichern ({kind})</translation>
    </message>
    <message>
        <source>the system keyring could not give the key for {server!r} ({kind})</source>
        <translation>der Schlüsselbund des Systems konnte den Schlüssel für {server!r} nicht liefern ({kind})</translation>
    </message>
    <message>
        <source>the key file {file} is damaged; remove it and add the keys again</source>
        <translation>die Schlüsseldatei {file} ist beschädigt; entfernen Sie sie und fügen Sie die Schlüssel erneut hinzu</translation>
    </message>
    <message>
        <source>the key file {file} is not a Ponder key file</source>
        <translation>die Schlüsseldatei {file} ist keine Ponder-Schlüsseldatei</translation>
    </message>
    <message>
        <source>could not save the key file {file}: {problem}</source>
        <translation>die Schlüsseldatei {file} konnte nicht gespeichert werden: {problem}</translation>
    </message>
    <message>
        <source>{name!r} cannot name a server: use letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (at most 64, starting with a letter or digit)</source>
        <translation>{name!r} kann keinen Server benennen: Verwenden Sie Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; (höchstens 64, beginnend mit einem Buchstaben oder einer Ziffer)</translation>
    </message>
    <message>
        <source>{source}: a server entry is not a table</source>
        <translation>{source}: Ein Servereintrag ist keine Tabelle</translation>
    </message>
    <message>
        <source>no server named {name!r} (configured: {known}; {add_server})</source>
        <translation>kein Server namens {name!r} (eingerichtet: {known}; {add_server})</translation>
    </message>
    <message>
        <source>{source}: a server entry has no {field!r}</source>
        <translation>{source}: Einem Servereintrag fehlt {field!r}</translation>
    </message>
    <message>
        <source>{source}: {exc}</source>
        <translation>{source}: {exc}</translation>
    </message>
    <message>
        <source>{path} is not a Ponder server list</source>
        <translation>{path} ist keine Ponder-Serverliste</translation>
    </message>
    <message>
        <source>no CA file at {ca_file}</source>
        <translation>keine CA-Datei unter {ca_file}</translation>
    </message>
    <message>
        <source>a server named {name!r} exists already</source>
        <translation>ein Server namens {name!r} existiert bereits</translation>
    </message>
    <message>
        <source>could not save the server list to {path}: {problem}; it is unchanged</source>
        <translation>die Serverliste konnte nicht nach {path} gespeichert werden: {problem}; sie ist unverändert</translation>
    </message>
    <message>
        <source>{server} sent a piece of the reply that is not valid JSON ({data!r}); the reply was ended there.</source>
        <translation>{server} hat ein Stück der Antwort gesendet, das kein gültiges JSON ist ({data!r}); die Antwort wurde dort beendet.</translation>
    </message>
    <message>
        <source>{server} reported an error mid-reply: {message}</source>
        <translation>{server} meldete mitten in der Antwort einen Fehler: {message}</translation>
    </message>
    <message>
        <source>{server} sent an event Ponder does not know ({event!r}).</source>
        <translation>{server} hat ein Ereignis gesendet, das Ponder nicht kennt ({event!r}).</translation>
    </message>
    <message>
        <source>{server} sent a piece of the reply of the wrong shape.</source>
        <translation>{server} hat ein Stück der Antwort in falscher Form gesendet.</translation>
    </message>
    <message>
        <source>{server} sent a piece of the reply with no choices.</source>
        <translation>{server} hat ein Stück der Antwort ohne „choices“ gesendet.</translation>
    </message>
    <message>
        <source>{server} sent a choice of the wrong shape.</source>
        <translation>{server} hat eine „choice“ in falscher Form gesendet.</translation>
    </message>
    <message>
        <source>{server} sent a delta of the wrong shape.</source>
        <translation>{server} hat ein „delta“ in falscher Form gesendet.</translation>
    </message>
    <message>
        <source>{server} sent reply text that is not text.</source>
        <translation>{server} hat Antworttext gesendet, der kein Text ist.</translation>
    </message>
    <message>
        <source>{server} sent a message of the wrong shape.</source>
        <translation>{server} hat eine Nachricht in falscher Form gesendet.</translation>
    </message>
    <message>
        <source>{name} answers, but not as llama-server, Ollama, vLLM, LM Studio or any OpenAI-compatible server (no /v1/models); check the address.</source>
        <translation>{name} antwortet, aber nicht wie llama-server, Ollama, vLLM, LM Studio oder ein anderer OpenAI-kompatibler Server (kein /v1/models); prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Check the key and add the server again (Models → Servers).</source>
        <translation>Prüfen Sie den Schlüssel und fügen Sie den Server erneut hinzu (Modelle → Server).</translation>
    </message>
    <message>
        <source>give its CA file when you add it (Models → Servers)</source>
        <translation>geben Sie beim Hinzufügen seine CA-Datei an (Modelle → Server)</translation>
    </message>
    <message>
        <source>Check (Models → Servers) lists its models.</source>
        <translation>„Prüfen“ (Modelle → Server) listet seine Modelle auf.</translation>
    </message>
    <message>
        <source>give the key in the API key field instead</source>
        <translation>geben Sie den Schlüssel stattdessen im Feld für den API-Schlüssel an</translation>
    </message>
    <message>
        <source>add one in Models → Servers</source>
        <translation>fügen Sie einen unter Modelle → Server hinzu</translation>
    </message>
</context>
<context>
    <name>ServersPage</name>
    <message>
        <source>classroom</source>
        <translation>klassenzimmer</translation>
    </message>
    <message>
        <source>http://192.168.1.20:8080</source>
        <translation>http://192.168.1.20:8080</translation>
    </message>
    <message>
        <source>only if the server asks for one</source>
        <translation>nur, wenn der Server einen verlangt</translation>
    </message>
    <message>
        <source>only for a server with its own certificates</source>
        <translation>nur für einen Server mit eigenen Zertifikaten</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>Server / model</source>
        <translation>Server / Modell</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läuft mit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Ask the server again what it runs</source>
        <translation>Den Server erneut fragen, was er ausführt</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Give the server&apos;s address, e.g. http://192.168.1.20:8080.</source>
        <translation>Geben Sie die Adresse des Servers an, z. B. http://192.168.1.20:8080.</translation>
    </message>
    <message>
        <source>Checking {url}…</source>
        <translation>Prüfe {url}…</translation>
    </message>
    <message>
        <source>Added {name}: {software}, {count} model(s).</source>
        <translation>{name} hinzugefügt: {software}, {count} Modell(e).</translation>
    </message>
    <message>
        <source>The server&apos;s CA certificate</source>
        <translation>Das CA-Zertifikat des Servers</translation>
    </message>
    <message>
        <source>PEM (*.pem *.crt);;All files (*)</source>
        <translation>PEM (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>failed: see the details</source>
        <translation>fehlgeschlagen: siehe Details</translation>
    </message>
    <message>
        <source>{n} model(s)</source>
        <translation>{n} Modell(e)</translation>
    </message>
    <message>
        <source> · key stored</source>
        <translation> · Schlüssel gespeichert</translation>
    </message>
    <message>
        <source> (thinking)</source>
        <translation> (denkt)</translation>
    </message>
    <message>
        <source>  · in use</source>
        <translation>  · in Verwendung</translation>
    </message>
    <message>
        <source>&lt;p&gt;No servers yet. If a computer near you runs &lt;b&gt;llama-server&lt;/b&gt;, &lt;b&gt;Ollama&lt;/b&gt;, &lt;b&gt;vLLM&lt;/b&gt; or &lt;b&gt;LM Studio&lt;/b&gt;, add it above by its address; its models then appear here and in the model list.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Noch keine Server. Wenn ein Rechner in Ihrer Nähe &lt;b&gt;llama-server&lt;/b&gt;, &lt;b&gt;Ollama&lt;/b&gt;, &lt;b&gt;vLLM&lt;/b&gt; oder &lt;b&gt;LM Studio&lt;/b&gt; ausführt, fügen Sie ihn oben mit seiner Adresse hinzu; seine Modelle erscheinen dann hier und in der Modellliste.&lt;/p&gt;</translation>
    </message>
    <message>
        <source> · {n} tokens of context</source>
        <translation> · {n} Tokens Kontext</translation>
    </message>
    <message>
        <source>done by the server</source>
        <translation>erledigt der Server</translation>
    </message>
    <message>
        <source>kept by Ponder</source>
        <translation>übernimmt Ponder</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>Remove server</source>
        <translation>Server entfernen</translation>
    </message>
    <message>
        <source>Forget the server {name} and its key? Conversations are kept.</source>
        <translation>Den Server {name} und seinen Schlüssel vergessen? Gespräche bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Give both think tags, the start and the end, or neither.</source>
        <translation>Geben Sie beide Denk-Tags an, Anfang und Ende, oder keinen.</translation>
    </message>
    <message>
        <source>The start and end think tags must differ.</source>
        <translation>Anfangs- und End-Tag des Denkens müssen sich unterscheiden.</translation>
    </message>
    <message>
        <source>A think tag can be at most {limit} characters long.</source>
        <translation>Ein Denk-Tag darf höchstens {limit} Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Could not save the settings to {path}: {problem}. Your previous settings are unchanged; check that the folder is writable and the disk has space.</source>
        <translation>Die Einstellungen konnten nicht nach {path} gespeichert werden: {problem}. Ihre bisherigen Einstellungen sind unverändert; prüfen Sie, ob der Ordner beschreibbar ist und das Laufwerk Platz hat.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Automatic ({cores} cores)</source>
        <translation>Automatisch ({cores} Kerne)</translation>
    </message>
    <message>
        <source>Automatic (as many layers as fit)</source>
        <translation>Automatisch (so viele Schichten, wie passen)</translation>
    </message>
    <message>
        <source> layers</source>
        <translation> Schichten</translation>
    </message>
    <message>
        <source>None (CPU only)</source>
        <translation>Keine (nur CPU)</translation>
    </message>
    <message>
        <source>{size:,} tokens</source>
        <translation>{size:,} Token</translation>
    </message>
    <message>
        <source>{context_size:,} tokens</source>
        <translation>{context_size:,} Token</translation>
    </message>
    <message>
        <source>Speculative decoding</source>
        <translation>Spekulatives Dekodieren</translation>
    </message>
    <message>
        <source>Use a small draft model when one is installed</source>
        <translation>Ein kleines Entwurfsmodell verwenden, wenn eines installiert ist</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <source>Context size</source>
        <translation>Kontextgröße</translation>
    </message>
    <message>
        <source>A longer context holds longer conversations and traces but needs more memory. Changes reload the model.</source>
        <translation>Ein längerer Kontext fasst längere Gespräche und Gedankengänge, braucht aber mehr Arbeitsspeicher. Änderungen laden das Modell neu.</translation>
    </message>
    <message>
        <source>Drafts the next tokens from what is already written and lets the model check them in one step: the same text, faster on repetitive thinking; it stops drafting wherever that does not pay.</source>
        <translation>Entwirft die nächsten Tokens aus dem bereits Geschriebenen und lässt das Modell sie in einem Schritt prüfen: derselbe Text, schneller bei sich wiederholendem Denken; wo es sich nicht lohnt, hört es mit dem Entwerfen auf.</translation>
    </message>
    <message>
        <source>A smaller model of the same family (its pair in the catalog, such as DeepSeek-R1-Distill-Qwen 1.5B for the 7B) drafts too, where memory allows both.</source>
        <translation>Ein kleineres Modell derselben Familie (sein Partner im Katalog, etwa DeepSeek-R1-Distill-Qwen 1.5B für das 7B) entwirft ebenfalls, wo der Speicher für beide reicht.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>A new models folder is used from the next start.</source>
        <translation>Ein neuer Modellordner gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Gespräche</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>Systemgröße</translation>
    </message>
    <message>
        <source>Open the chain-of-thought panel while the model thinks</source>
        <translation>Den Gedankengang-Bereich öffnen, während das Modell denkt</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language is used from the next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The conversation history {path} is damaged ({detail}). Ponder has not changed it. {way_out}</source>
        <translation>Der Gesprächsverlauf {path} ist beschädigt ({detail}). Ponder hat ihn nicht verändert. {way_out}</translation>
    </message>
    <message>
        <source>Restart Ponder to choose what to do: read what can still be read, recover it into a new file, restore a backup, or start a new history (the damaged file is kept).</source>
        <translation>Starten Sie Ponder neu, um zu wählen, was geschehen soll: lesen, was noch lesbar ist, ihn in eine neue Datei retten, eine Sicherung wiederherstellen oder einen neuen Verlauf beginnen (die beschädigte Datei bleibt erhalten).</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <source>Sets thinking to Off: send it, then pick a budget and Regenerate to compare the two answers.</source>
        <translation>Stellt das Denken auf Aus: Senden Sie die Frage, wählen Sie dann ein Budget und erzeugen Sie neu, um die beiden Antworten zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <source>Thinking off, then on</source>
        <translation>Ohne, dann mit Denken</translation>
    </message>
    <message>
        <source>How many times does the letter r appear in the word “strawberry”? Answer with just the number.</source>
        <translation>Wie oft kommt der Buchstabe r im Wort „Erdbeere“ vor? Antworte nur mit der Zahl.</translation>
    </message>
    <message>
        <source>A word problem</source>
        <translation>Eine Textaufgabe</translation>
    </message>
    <message>
        <source>A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?</source>
        <translation>Ein Schläger und ein Ball kosten zusammen 1,10 €. Der Schläger kostet 1,00 € mehr als der Ball. Wie viel kostet der Ball?</translation>
    </message>
    <message>
        <source>Check some arithmetic</source>
        <translation>Eine Rechnung prüfen</translation>
    </message>
    <message>
        <source>What is 17 × 24? Show each step.</source>
        <translation>Was ist 17 × 24? Zeige jeden Schritt.</translation>
    </message>
    <message>
        <source>Explain to a class</source>
        <translation>Einer Klasse erklären</translation>
    </message>
    <message>
        <source>Explain why the sky is blue to a class of 12-year-olds, in five sentences.</source>
        <translation>Erkläre einer Klasse von Zwölfjährigen in fünf Sätzen, warum der Himmel blau ist.</translation>
    </message>
</context>
<context>
    <name>SweepChart</name>
    <message>
        <source>The chart fills in as the sweep runs.</source>
        <translation>Das Diagramm füllt sich, während die Reihe läuft.</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>thinking tokens</source>
        <translation>Denk-Token</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Thinking tokens</source>
        <translation>Denk-Token</translation>
    </message>
    <message>
        <source>{letter}: thinking tokens</source>
        <translation>{letter}: Denk-Token</translation>
    </message>
    <message>
        <source>{letter}: {label} — accuracy</source>
        <translation>{letter}: {label} — Trefferquote</translation>
    </message>
</context>
<context>
    <name>SweepGrid</name>
    <message>
        <source>accuracy</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>thinking tokens (mean)</source>
        <translation>Denk-Token (Mittel)</translation>
    </message>
    <message>
        <source>⚠ error</source>
        <translation>⚠ Fehler</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>Falsch</translation>
    </message>
    <message>
        <source>Not judged (no key)</source>
        <translation>Nicht bewertet (keine Lösung)</translation>
    </message>
    <message>
        <source>✓ correct</source>
        <translation>✓ richtig</translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation>✗ falsch</translation>
    </message>
    <message>
        <source>not judged (no key)</source>
        <translation>nicht bewertet (keine Lösung)</translation>
    </message>
    <message>
        <source>Answer read: {answer}</source>
        <translation>Gelesene Antwort: {answer}</translation>
    </message>
    <message>
        <source>Thinking: {thinking}; answer: {answer}</source>
        <translation>Denken: {thinking}; Antwort: {answer}</translation>
    </message>
    <message>
        <source>Ponder stepped in {n}×</source>
        <translation>Ponder hat {n}× eingegriffen</translation>
    </message>
    <message>
        <source>Ended: {reason}</source>
        <translation>Beendet: {reason}</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>Fehler: {error}</translation>
    </message>
    <message>
        <source>Click to read the thinking and the answer.</source>
        <translation>Klicken, um Denken und Antwort zu lesen.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>{problem} at budget {budget}</source>
        <translation>{problem} mit Budget {budget}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Question:&lt;/b&gt; {question}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Key:&lt;/b&gt; {key} · &lt;b&gt;Read:&lt;/b&gt; {read} · {verdict}</source>
        <translation>&lt;b&gt;Frage:&lt;/b&gt; {question}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lösung:&lt;/b&gt; {key} · &lt;b&gt;Gelesen:&lt;/b&gt; {read} · {verdict}</translation>
    </message>
    <message>
        <source>{thinking} thinking tokens · {answer} answer tokens · {seconds:.1f} s · ended: {reason}</source>
        <translation>{thinking} Denk-Token · {answer} Antwort-Token · {seconds:.1f} s · beendet: {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Error:&lt;/b&gt; {error}</source>
        <translation>&lt;b&gt;Fehler:&lt;/b&gt; {error}</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Denken</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>budget {n}</source>
        <translation>Budget {n}</translation>
    </message>
    <message>
        <source>{question}

Key: {answer}</source>
        <translation>{question}

Lösung: {answer}</translation>
    </message>
</context>
<context>
    <name>SweepList</name>
    <message>
        <source>Saved in {path}</source>
        <translation>Gespeichert in {path}</translation>
    </message>
</context>
<context>
    <name>SweepQueue</name>
    <message>
        <source>waiting · {total} runs</source>
        <translation>wartet · {total} Durchläufe</translation>
    </message>
    <message>
        <source>running {done}/{total}{where} · {tokens}</source>
        <translation>läuft {done}/{total}{where} · {tokens}</translation>
    </message>
    <message>
        <source>stopped at {done}/{total}</source>
        <translation>angehalten bei {done}/{total}</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>done · {total} runs</source>
        <translation>fertig · {total} Durchläufe</translation>
    </message>
    <message>
        <source>The sweep waits for a model: pick one in the main window.</source>
        <translation>Die Reihe wartet auf ein Modell: Wählen Sie eines im Hauptfenster.</translation>
    </message>
    <message>
        <source>stopped: another model was loaded</source>
        <translation>angehalten: ein anderes Modell wurde geladen</translation>
    </message>
</context>
<context>
    <name>SweepRunner</name>
    <message>
        <source>{problem} Its results stay on screen: free some disk space, then export them.</source>
        <translation>{problem} Die Ergebnisse bleiben sichtbar: Schaffen Sie Speicherplatz frei und exportieren Sie sie dann.</translation>
    </message>
    <message>
        <source>The sweep stopped: {problem}</source>
        <translation>Die Reihe wurde beendet: {problem}</translation>
    </message>
</context>
<context>
    <name>SweepSetup</name>
    <message>
        <source>Open a problem-set file…</source>
        <translation>Aufgabensammlung öffnen …</translation>
    </message>
    <message>
        <source>A question I type</source>
        <translation>Eine eigene Frage</translation>
    </message>
    <message>
        <source>The question to ask at every budget</source>
        <translation>Die Frage, die bei jedem Budget gestellt wird</translation>
    </message>
    <message>
        <source>Its answer (optional): 42, 3/4, (B), yes…</source>
        <translation>Ihre Lösung (optional): 42, 3/4, (B), ja …</translation>
    </message>
    <message>
        <source>Comma-separated: off (no thinking), a number of thinking tokens, unlimited, or waitK (the model must keep thinking: “Wait” is added up to K times when it tries to stop).</source>
        <translation>Durch Kommas getrennt: off (kein Denken), eine Zahl von Denk-Token, unlimited oder waitK (das Modell muss weiterdenken: „Wait“ wird bis zu K-mal eingefügt, wenn es aufhören will).</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Stop each run after this many tokens (thinking + answer)</source>
        <translation>Jeden Durchlauf nach so vielen Token beenden (Denken + Antwort)</translation>
    </message>
    <message>
        <source>0 (greedy: the same every time)</source>
        <translation>0 (greedy: jedes Mal gleich)</translation>
    </message>
    <message>
        <source>the model&apos;s recommendation</source>
        <translation>Empfehlung des Modells</translation>
    </message>
    <message>
        <source>random (a new seed each run)</source>
        <translation>zufällig (jeder Lauf ein neuer Seed)</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Zur Warteschlange hinzufügen</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>Budgets</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max. Token</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Open a problem set</source>
        <translation>Eine Aufgabensammlung öffnen</translation>
    </message>
    <message>
        <source>Problem sets (*.toml);;All (*)</source>
        <translation>Aufgabensammlungen (*.toml);;Alle (*)</translation>
    </message>
    <message>
        <source>saved sweep</source>
        <translation>gespeicherte Reihe</translation>
    </message>
    <message>
        <source>{name} ({count}) — from a saved sweep</source>
        <translation>{name} ({count}) — aus einer gespeicherten Reihe</translation>
    </message>
    <message>
        <source>Type the question to ask, or pick a problem set.</source>
        <translation>Geben Sie die Frage ein oder wählen Sie eine Aufgabensammlung.</translation>
    </message>
</context>
<context>
    <name>SweepWindow</name>
    <message>
        <source>Budget sweep — Ponder</source>
        <translation>Budget-Reihe — Ponder</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the running sweep (what finished is kept), or drop it</source>
        <translation>Die laufende Reihe anhalten (Fertiges bleibt erhalten) oder eine wartende verwerfen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Take a finished sweep off this session&apos;s list (its file stays), or delete a saved sweep&apos;s file</source>
        <translation>Eine fertige Reihe aus der Liste dieser Sitzung nehmen (ihre Datei bleibt) oder die Datei einer gespeicherten Reihe löschen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Save this sweep as HTML (with the chart), Markdown or PDF</source>
        <translation>Diese Reihe als HTML (mit Diagramm), Markdown oder PDF speichern</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Queue this sweep&apos;s problems and budgets again, on the model loaded now (to compare models, or a new seed)</source>
        <translation>Aufgaben und Budgets dieser Reihe erneut einreihen, mit dem jetzt geladenen Modell (um Modelle zu vergleichen oder mit neuem Seed)</translation>
    </message>
    <message>
        <source>Large type</source>
        <translation>Große Schrift</translation>
    </message>
    <message>
        <source>Bigger grid and chart, for a projector</source>
        <translation>Größere Tabelle und größeres Diagramm, für einen Beamer</translation>
    </message>
    <message>
        <source>Draw another sweep beside this one in the chart: the same problems on another model, or with another seed</source>
        <translation>Eine weitere Reihe neben dieser ins Diagramm zeichnen: dieselben Aufgaben mit einem anderen Modell oder einem anderen Seed</translation>
    </message>
    <message>
        <source>Click a cell of the grid to read that run.</source>
        <translation>Zelle anklicken, um diesen Durchlauf zu lesen.</translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergleichen mit</translation>
    </message>
    <message>
        <source>nothing (this sweep alone)</source>
        <translation>nichts (nur diese Reihe)</translation>
    </message>
    <message>
        <source>No sweep chosen: set one up on the left and add it to the queue.</source>
        <translation>Keine Reihe gewählt: Richten Sie links eine ein und fügen Sie sie zur Warteschlange hinzu.</translation>
    </message>
    <message>
        <source>the loaded model</source>
        <translation>das geladene Modell</translation>
    </message>
    <message>
        <source>Delete the sweep</source>
        <translation>Reihe löschen</translation>
    </message>
    <message>
        <source>Delete the saved sweep {name}? This cannot be undone.</source>
        <translation>Die gespeicherte Reihe {name} löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation>{name} gelöscht.</translation>
    </message>
    <message>
        <source>Export the sweep</source>
        <translation>Die Reihe exportieren</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
</context>
<context>
    <name>Sweeps</name>
    <message>
        <source>{file} could not be read: {exc}</source>
        <translation>{file} konnte nicht gelesen werden: {exc}</translation>
    </message>
    <message>
        <source>{exc} It is not a saved sweep Ponder can read (damaged or from another program).</source>
        <translation>{exc} Es ist keine gespeicherte Budget-Reihe, die Ponder lesen kann (beschädigt oder aus einem anderen Programm).</translation>
    </message>
    <message>
        <source>{file} is not a saved sweep Ponder can read (damaged or from another program): {exc!r}</source>
        <translation>{file} ist keine gespeicherte Budget-Reihe, die Ponder lesen kann (beschädigt oder aus einem anderen Programm): {exc!r}</translation>
    </message>
    <message>
        <source>The sweep could not be saved to {path} ({problem}).</source>
        <translation>Die Budget-Reihe konnte nicht nach {path} gespeichert werden ({problem}).</translation>
    </message>
    <message>
        <source>Could not delete {file} ({problem}).</source>
        <translation>{file} konnte nicht gelöscht werden ({problem}).</translation>
    </message>
</context>
<context>
    <name>TeachingViews</name>
    <message>
        <source>A budget sweep is using the model: click to watch it</source>
        <translation>Eine Budget-Reihe verwendet das Modell: klicken, um zuzusehen</translation>
    </message>
    <message>
        <source>No saved reply to replay yet: ask something first.</source>
        <translation>Noch keine gespeicherte Antwort zum Abspielen: Fragen Sie zuerst etwas.</translation>
    </message>
    <message>
        <source>Nothing to export yet: this conversation is empty.</source>
        <translation>Noch nichts zu exportieren: Dieses Gespräch ist leer.</translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation>Das Gespräch exportieren</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>▶ Sweep {done}/{total}{more}</source>
        <translation>▶ Reihe {done}/{total}{more}</translation>
    </message>
    <message>
        <source>Fork needs a saved reply with thinking: ask something with thinking on.</source>
        <translation>Zum Abzweigen braucht es eine gespeicherte Antwort mit Denken: Fragen Sie etwas mit eingeschaltetem Denken.</translation>
    </message>
    <message>
        <source>Wait for the model to finish, then fork.</source>
        <translation>Warten Sie, bis das Modell fertig ist, und zweigen Sie dann ab.</translation>
    </message>
    <message>
        <source>This reply has one version. Regenerate it, fork its thinking or answer it with another model, then compare.</source>
        <translation>Diese Antwort hat nur eine Version. Erzeugen Sie sie neu, zweigen Sie ihr Denken ab oder lassen Sie ein anderes Modell antworten, und vergleichen Sie dann.</translation>
    </message>
    <message>
        <source>SmolLM2 135M (demo)</source>
        <translation>SmolLM2 135M (Demo)</translation>
    </message>
    <message>
        <source>Ask something first: then another model can answer it too.</source>
        <translation>Fragen Sie zuerst etwas: Dann kann auch ein anderes Modell antworten.</translation>
    </message>
    <message>
        <source>There is no other model on this computer yet: add one in Models.</source>
        <translation>Auf diesem Computer gibt es noch kein anderes Modell: Fügen Sie eines unter Modelle hinzu.</translation>
    </message>
    <message>
        <source>Answer with another model</source>
        <translation>Mit einem anderen Modell antworten</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>{path} is not there any more.</source>
        <translation>{path} ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <source>{file} is answering; the model in use comes back after it.</source>
        <translation>{file} antwortet; danach kommt das bisherige Modell zurück.</translation>
    </message>
    <message>
        <source>Stopped before the other answer was finished, so nothing was compared. The unfinished version is kept with the reply&apos;s versions.</source>
        <translation>Angehalten, bevor die andere Antwort fertig war, daher wurde nichts verglichen. Die unfertige Version bleibt bei den Versionen der Antwort.</translation>
    </message>
</context>
<context>
    <name>ThinkTagsBox</name>
    <message>
        <source>Think tags</source>
        <translation>Denk-Tags</translation>
    </message>
    <message>
        <source>for example {tag}</source>
        <translation>zum Beispiel {tag}</translation>
    </message>
    <message>
        <source>For a model Ponder does not know. Empty: the family&apos;s own tags. Used from the next load.</source>
        <translation>Für ein Modell, das Ponder nicht kennt. Leer: die Tags der Modellfamilie. Gilt ab dem nächsten Laden.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
</context>
<context>
    <name>ThinkingPanel</name>
    <message>
        <source>Chain of thought</source>
        <translation>Gedankengang</translation>
    </message>
    <message>
        <source>Hide the chain of thought (Ctrl+T)</source>
        <translation>Den Gedankengang ausblenden (Strg+T)</translation>
    </message>
    <message>
        <source>The model&apos;s candidate answers in order: click one to find it</source>
        <translation>Die Antwortkandidaten des Modells der Reihe nach: Klicken Sie einen an, um ihn zu finden</translation>
    </message>
    <message>
        <source>The model&apos;s thinking appears here while it works. Click an answer&apos;s “Thought for …” chip to see how it got there.</source>
        <translation>Hier erscheint das Denken des Modells, während es arbeitet. Klicken Sie bei einer Antwort auf „Thought for …“, um zu sehen, wie es darauf kam.</translation>
    </message>
    <message>
        <source>Fork from here…</source>
        <translation>Von hier abzweigen …</translation>
    </message>
    <message>
        <source>Start a new reply whose thinking continues from this point</source>
        <translation>Eine neue Antwort beginnen, deren Denken an dieser Stelle weitergeht</translation>
    </message>
</context>
<context>
    <name>Trace</name>
    <message>
        <source>Ponder: thinking budget spent, thinking stopped here</source>
        <translation>Ponder: Denkbudget aufgebraucht, Denken hier beendet</translation>
    </message>
    <message>
        <source>the thinking budget was spent, so Ponder added this early-stop message and closed the thinking; the model then wrote its answer.</source>
        <translation>das Denkbudget war aufgebraucht, daher hat Ponder diese Abbruchnachricht eingefügt und das Denken geschlossen; danach hat das Modell seine Antwort geschrieben.</translation>
    </message>
    <message>
        <source>Ponder: asked the model to keep thinking</source>
        <translation>Ponder: hat das Modell gebeten, weiterzudenken</translation>
    </message>
    <message>
        <source>the model tried to stop thinking before the minimum, so Ponder added this to make it think longer.</source>
        <translation>das Modell wollte vor dem Minimum aufhören zu denken, daher hat Ponder dies eingefügt, damit es länger denkt.</translation>
    </message>
    <message>
        <source>Ponder: thinking is off, thinking closed</source>
        <translation>Ponder: Denken ist aus, Denken geschlossen</translation>
    </message>
    <message>
        <source>thinking is off, but the model opened a thinking block anyway; Ponder closed it at once.</source>
        <translation>das Denken ist aus, aber das Modell hat trotzdem einen Denkblock geöffnet; Ponder hat ihn sofort geschlossen.</translation>
    </message>
    <message>
        <source>Ponder: context nearly full, thinking stopped here</source>
        <translation>Ponder: Kontext fast voll, Denken hier beendet</translation>
    </message>
    <message>
        <source>the context was nearly full, so Ponder closed the thinking to leave room for the answer.</source>
        <translation>der Kontext war fast voll, daher hat Ponder das Denken geschlossen, um Platz für die Antwort zu lassen.</translation>
    </message>
    <message>
        <source>Ponder: the model stopped inside its thinking; closed it</source>
        <translation>Ponder: Das Modell hat mitten im Denken aufgehört; geschlossen</translation>
    </message>
    <message>
        <source>the model ended its turn while still thinking, so Ponder closed the thinking to let it write an answer.</source>
        <translation>das Modell hat seinen Zug noch im Denken beendet, daher hat Ponder das Denken geschlossen, damit es eine Antwort schreiben kann.</translation>
    </message>
    <message>
        <source>You: answer now, thinking stopped here</source>
        <translation>Sie: Jetzt antworten, Denken hier beendet</translation>
    </message>
    <message>
        <source>stopped by you: you pressed Answer now, so Ponder added the early-stop message and closed the thinking; the model then wrote its answer.</source>
        <translation>von Ihnen angehalten: Sie haben „Jetzt antworten“ gedrückt, daher hat Ponder die Abbruchnachricht eingefügt und das Denken geschlossen; danach hat das Modell seine Antwort geschrieben.</translation>
    </message>
    <message>
        <source>You: stopped here</source>
        <translation>Sie: hier angehalten</translation>
    </message>
    <message>
        <source>stopped by you: you pressed Stop here; the reply ends, and nothing the model wrote after it was kept.</source>
        <translation>von Ihnen angehalten: Sie haben hier „Anhalten“ gedrückt; die Antwort endet, und nichts, was das Modell danach schrieb, wurde behalten.</translation>
    </message>
    <message>
        <source>You: think longer, the thinking went on from here</source>
        <translation>Sie: Länger denken, das Denken ging von hier weiter</translation>
    </message>
    <message>
        <source>you asked for more thinking after the answer, so the model went on from where its thinking had stopped (the early-stop message and the old answer were left out).</source>
        <translation>Sie haben nach der Antwort um mehr Denken gebeten, daher hat das Modell dort weitergemacht, wo sein Denken aufgehört hatte (die Abbruchnachricht und die alte Antwort wurden weggelassen).</translation>
    </message>
    <message>
        <source>fork: written by a person</source>
        <translation>Abzweigung: von einem Menschen geschrieben</translation>
    </message>
    <message>
        <source>the thinking was forked here: this text was inserted by hand, and the model went on from it.</source>
        <translation>das Denken wurde hier abgezweigt: Dieser Text wurde von Hand eingefügt, und das Modell hat von dort aus weitergemacht.</translation>
    </message>
    <message>
        <source>Ponder: {name}</source>
        <translation>Ponder: {name}</translation>
    </message>
    <message>
        <source>Ponder stepped in ({name}).</source>
        <translation>Ponder hat eingegriffen ({name}).</translation>
    </message>
    <message>
        <source>[{label}]</source>
        <translation>[{label}]</translation>
    </message>
    <message>
        <source>Fork: {why}</source>
        <translation>Abzweigung: {why}</translation>
    </message>
    <message>
        <source>After {position} thinking tokens, {why}</source>
        <translation>Nach {position} Denk-Token: {why}</translation>
    </message>
    <message>
        <source>Added by Ponder after {position} thinking tokens: {why}</source>
        <translation>Von Ponder nach {position} Denk-Token eingefügt: {why}</translation>
    </message>
    <message>
        <source>{count} token</source>
        <translation>{count} Token</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} Token</translation>
    </message>
    <message>
        <source>{seconds:.1f} s</source>
        <translation>{seconds:.1f} s</translation>
    </message>
    <message>
        <source>{minutes} min {seconds:.0f} s</source>
        <translation>{minutes} min {seconds:.0f} s</translation>
    </message>
    <message>
        <source>Thinking… {tokens} · {seconds}</source>
        <translation>Denkt … {tokens} · {seconds}</translation>
    </message>
    <message>
        <source>Reading the prompt…</source>
        <translation>Liest die Eingabe …</translation>
    </message>
    <message>
        <source>Thinking off</source>
        <translation>Denken aus</translation>
    </message>
    <message>
        <source>No thinking</source>
        <translation>Kein Denken</translation>
    </message>
    <message>
        <source>Thoughts (the reply was interrupted before its figures were saved)</source>
        <translation>Gedanken (die Antwort wurde unterbrochen, bevor ihre Zahlen gespeichert waren)</translation>
    </message>
    <message>
        <source>Thought for {seconds} · {tokens}</source>
        <translation>Gedacht: {seconds} · {tokens}</translation>
    </message>
</context>
<context>
    <name>TrajectoryMarks</name>
    <message>
        <source>Candidate answer: {value}</source>
        <translation>Antwortkandidat: {value}</translation>
    </message>
    <message>
        <source>Changed its mind: {before} → {after}</source>
        <translation>Meinung geändert: {before} → {after}</translation>
    </message>
    <message>
        <source> (after second thoughts)</source>
        <translation> (nach erneutem Überlegen)</translation>
    </message>
    <message>
        <source> (after a &apos;{cue}&apos;)</source>
        <translation> (nach einem „{cue}“)</translation>
    </message>
    <message>
        <source> (after the fork&apos;s &apos;{cue}&apos;)</source>
        <translation> (nach dem „{cue}“ der Abzweigung)</translation>
    </message>
    <message>
        <source> (after Ponder&apos;s &apos;{cue}&apos;)</source>
        <translation> (nach Ponders „{cue}“)</translation>
    </message>
    <message>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message>
        <source>twice</source>
        <translation>zweimal</translation>
    </message>
    <message>
        <source>{n} times</source>
        <translation>{n}-mal</translation>
    </message>
    <message>
        <source>Answers along the way: {answers}</source>
        <translation>Antworten unterwegs: {answers}</translation>
    </message>
    <message>
        <source> · changed its mind {times}</source>
        <translation> · Meinung {times} geändert</translation>
    </message>
    <message>
        <source> · kept the same answer</source>
        <translation> · bei derselben Antwort geblieben</translation>
    </message>
</context>
<context>
    <name>TurnRunner</name>
    <message>
        <source>The conversation database could not be opened.</source>
        <translation>Die Gesprächsdatenbank konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>UserMessageWidget</name>
    <message>
        <source>Show all</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Show the whole message</source>
        <translation>Die ganze Nachricht zeigen</translation>
    </message>
    <message>
        <source>Edit this message and send it again</source>
        <translation>Diese Nachricht bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete this message and the replies that followed it</source>
        <translation>Diese Nachricht und die folgenden Antworten löschen</translation>
    </message>
    <message>
        <source>Show less</source>
        <translation>Weniger zeigen</translation>
    </message>
    <message>
        <source>Show the whole message ({0:,} characters)</source>
        <translation>Die ganze Nachricht zeigen ({0:,} Zeichen)</translation>
    </message>
    <message>
        <source>Fold the message again</source>
        <translation>Die Nachricht wieder einklappen</translation>
    </message>
</context>
<context>
    <name>VersionSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Ponder</source>
        <translation>Willkommen bei Ponder</translation>
    </message>
    <message>
        <source>Ponder runs reasoning models on this computer, privately and offline. You see the model think in a panel beside its answer, and you decide how long it may think. First, pick a model.</source>
        <translation>Ponder führt Reasoning-Modelle auf diesem Computer aus, privat und offline. Sie sehen das Modell in einem Bereich neben seiner Antwort denken und bestimmen, wie lange es denken darf. Wählen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>Looking at what this computer can run…</source>
        <translation>Es wird geprüft, was dieser Computer ausführen kann …</translation>
    </message>
    <message>
        <source>Download it</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Try the built-in demo model</source>
        <translation>Das eingebaute Demo-Modell ausprobieren</translation>
    </message>
    <message>
        <source>SmolLM2 135M: tiny and not a real reasoner, but enough to see how Ponder works</source>
        <translation>SmolLM2 135M: winzig und kein echtes Reasoning-Modell, aber genug, um zu sehen, wie Ponder funktioniert</translation>
    </message>
    <message>
        <source>Import a .gguf file…</source>
        <translation>.gguf-Datei importieren …</translation>
    </message>
    <message>
        <source>All models…</source>
        <translation>Alle Modelle …</translation>
    </message>
    <message>
        <source>You are offline (HF_HUB_OFFLINE is set), so Ponder cannot download models now. Import a .gguf file you already have, or bring a model pack on a USB stick.</source>
        <translation>Sie sind offline (HF_HUB_OFFLINE ist gesetzt), daher kann Ponder gerade keine Modelle herunterladen. Importieren Sie eine vorhandene .gguf-Datei oder bringen Sie ein Modellpaket auf einem USB-Stick mit.</translation>
    </message>
    <message>
        <source>&lt;p&gt;The best reasoner for this computer: &lt;b&gt;{model}&lt;/b&gt; ({quant}, {size} download) — {badge}.&lt;br&gt;&lt;small&gt;{summary}&lt;/small&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Das beste Reasoning-Modell für diesen Computer: &lt;b&gt;{model}&lt;/b&gt; ({quant}, {size} Download) — {badge}.&lt;br&gt;&lt;small&gt;{summary}&lt;/small&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;None of the catalog&apos;s reasoners fits in this computer&apos;s memory. You can still try the demo model, or import a smaller .gguf.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Keines der Reasoning-Modelle im Katalog passt in den Arbeitsspeicher dieses Computers. Sie können trotzdem das Demo-Modell ausprobieren oder eine kleinere .gguf-Datei importieren.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>The download failed: {0}</source>
        <translation>Der Download ist fehlgeschlagen: {0}</translation>
    </message>
</context>
</TS>
