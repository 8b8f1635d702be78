<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>About</name>
    <message>
        <source>runs the models (llama.cpp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the window (Qt for Python)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answers in Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>math and tables in Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code highlighting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>math formulas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat templates (sandboxed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where files go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory and cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small reasoning models on your own computer, with the chain of thought beside the answer. Licensed under the Apache License 2.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each model has its own license, shown in the model manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Ponder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdvancedThinkingDialog</name>
    <message>
        <source>None (just stop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“I have to stop thinking now…”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Okay, time is up…”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“Let me stop and summarize…”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced thinking controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this minimum after Ponder restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unless this is ticked, the minimum lasts until Ponder quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model reads when its budget runs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum thinking: when the model tries to stop thinking sooner, Ponder adds the wait text so it keeps going.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the thinking budget is spent, Ponder adds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early-stop message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum ({minimum} tokens) is more than the thinking budget ({budget} tokens): the model would be stopped before it got there. Lower the minimum, or raise the budget first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssistantMessageWidget</name>
    <message>
        <source>Show how the model got there (the chain of thought)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new answer to this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the answer (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay, fork, compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: Ponder closed before this answer was finished. What was written is kept; regenerate to get a whole answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play this reply&apos;s thinking back at a chosen pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork the thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit or add to the thinking and let the model go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare versions side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version beside another one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with another model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same question, another model, side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong while writing this answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetSelector</name>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick (256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard (1024)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep (4096)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the model may think before it must answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom thinking budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum thinking and the early-stop message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min {minimum} (more than the budget: no effect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum thinking is more than the thinking budget, so the model is stopped before it is reached. Lower it with ⚙.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min {minimum} · “{wait}” ×{max_waits}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model thinks at least {minimum} tokens: each time it tries to stop sooner, Ponder adds “{wait}” (at most {max_waits} times).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Stop the answer first, then delete the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>{n}. Fork: “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}. Fork (edited thinking)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}. Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}. Version {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thought {seconds} · {thinking} · answer {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer read: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side by side — Ponder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask something… (Ctrl+Enter to send)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the conversation as it is (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer now (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new answer to the last message (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing an earlier message: sending it starts a new version of the conversation from there (the old one is kept).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DamagedHistory</name>
    <message>
        <source>Your conversation history is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover into a new file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the last backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ponder cannot read all of your conversation history ({path}): the file is damaged. Whatever you choose, the damaged file is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open read-only: see what can still be read; nothing can be saved this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover into a new file: copy everything readable into a new history and continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the last backup: go back to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new history: begin empty; the old file stays beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation history recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {name}. The damaged file is kept as {kept}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a new history. The old file is kept as {kept}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not do that: {problem}. Nothing was deleted; check that the folder {parent} is writable and has free space, then start Ponder again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Import a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a model pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing the pack in {folder}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineHost</name>
    <message>
        <source>a chat turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a budget sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop it with the Stop button under the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop it in Teach → Budget sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded yet. Pick one in Models → Model manager (or wait for the model to finish loading).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is busy with {holder}. Wait for it to finish, or {stop_where}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Web page (*.html);;Markdown (*.md);;PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {file}: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PDF could not be written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForkDialog</name>
    <message>
        <source>Fork the thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model goes on from the end of this thinking. Cut it shorter, change a step or plant an error; what you change or add is marked as yours in the trace. The new version appears beside the original when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model wrote after the fork point: the fork drops it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped: what the model wrote after this point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text added at the fork point: a hint, a doubt, a deliberate error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking tokens the model may add after the fork point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert at the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then think for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue from here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Ponder cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ponder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this conversation and all its messages?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask something. The model&apos;s thinking appears on the right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a .gguf model file from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a model &amp;pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install a model from a pack folder (made with `ponder pack export`, e.g. on a USB stick), checksum-verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download, import, pick and delete models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chain of thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the chain-of-thought panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the conversations list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Ponder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking and answer in large type for a class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;play trace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play the reply&apos;s thinking back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Budget sweep…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run problems at several thinking budgets: the grid and the accuracy chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fork the thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit or add to the reply&apos;s thinking and let the model go on from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare versions side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply beside another version of it (regenerated, forked, another model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with &amp;another model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same question answered by another model, shown side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this conversation, thinking included, as HTML, Markdown or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Teach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelBar</name>
    <message>
        <source>The model that answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain of thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the chain of thought (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmolLM2 135M (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} · {n_ctx:,} tokens of context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDetails</name>
    <message>
        <source>Runs on the GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part GPU, part CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:g} billion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{length:,} tokens (Ponder starts with {start:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{badge}&lt;/b&gt;: {reason}. About {memory} of memory at {n_ctx:,} tokens of context; roughly {speed:.0f} tokens/s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a reasoning model: it does not really think.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified (the file was put in the folder by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelDownloads</name>
    <message>
        <source>The download failed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <source>The engine could not start: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine stopped before the model was loaded. Try loading it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import .gguf…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a GGUF file from this computer (or drop it here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmolLM2 135M — built-in demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  · in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;No models yet. Download one from the &lt;b&gt;Catalog&lt;/b&gt; tab, or import a &lt;code&gt;.gguf&lt;/code&gt; file (you can drop it on this window).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;SmolLM2 135M Instruct (demo)&lt;/h3&gt;&lt;p&gt;A tiny model that comes with Ponder so you can try the app at once. It is not a reasoner: its “thinking” is Ponder prompting it to think, and its answers are often wrong. Download a real reasoner from the Catalog tab.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {filename}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {filename} ({size}) from the models folder?
Your conversations are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>★ {name} (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking what this computer can run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; GPU: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; no GPU offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer: {memory} of memory ({free} free), {cores} cores{gpu}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Offline: downloads are off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{phase} {done} of {total}{speed}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelSwitcher</name>
    <message>
        <source>Model not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is ready: pick it above.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelTasks</name>
    <message>
        <source>Could not read the models folder: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not import {path}: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete {name}: {exc}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presenter — Ponder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the model thinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer is hidden.
What do you think it will be?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the answer (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space: {action} the answer · Esc: leave presenter mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>Model too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context size is in Settings. Loading it anyway may fail, or make this computer very slow while the model runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplayWindow</name>
    <message>
        <source>Replay — Ponder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain of thought — replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back a paragraph (Ctrl+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back a word (Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward a word (Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward a paragraph (Ctrl+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the replay stands: drag to jump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed:g}× recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate:g} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded pace: {recorded_tokens_per_s:.1f} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} · {shown_tokens} tokens · replay at {speed}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic ({cores} cores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (as many layers as fit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (CPU only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{context_size:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A longer context holds longer conversations and traces but needs more memory. Changes reload the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new models folder is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the chain-of-thought panel while the model thinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepChart</name>
    <message>
        <source>The chart fills in as the sweep runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thinking tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{letter}: thinking tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{letter}: {label} — accuracy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepGrid</name>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thinking tokens (mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not judged (no key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not judged (no key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer read: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking: {thinking}; answer: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ponder stepped in {n}×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to read the thinking and the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} at budget {budget}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Question:&lt;/b&gt; {question}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Key:&lt;/b&gt; {key} · &lt;b&gt;Read:&lt;/b&gt; {read} · {verdict}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{thinking} thinking tokens · {answer} answer tokens · {seconds:.1f} s · ended: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Error:&lt;/b&gt; {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{question}

Key: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepList</name>
    <message>
        <source>Saved in {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepQueue</name>
    <message>
        <source>waiting · {total} runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running {done}/{total}{where} · {tokens}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped at {done}/{total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done · {total} runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep waits for a model: pick one in the main window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: another model was loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepRunner</name>
    <message>
        <source>{problem} Its results stay on screen: free some disk space, then export them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep stopped: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepSetup</name>
    <message>
        <source>Open a problem-set file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A question I type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The question to ask at every budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its answer (optional): 42, 3/4, (B), yes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated: off (no thinking), a number of thinking tokens, unlimited, or waitK (the model must keep thinking: “Wait” is added up to K times when it tries to stop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop each run after this many tokens (thinking + answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (greedy: the same every time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a problem set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem sets (*.toml);;All (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({count}) — from a saved sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the question to ask, or pick a problem set.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepWindow</name>
    <message>
        <source>Budget sweep — Ponder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running sweep (what finished is kept), or drop it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a finished sweep off this session&apos;s list (its file stays), or delete a saved sweep&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this sweep as HTML (with the chart), Markdown or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue this sweep&apos;s problems and budgets again, on the model loaded now (to compare models, or a new seed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bigger grid and chart, for a projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw another sweep beside this one in the chart: the same problems on another model, or with another seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell of the grid to read that run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing (this sweep alone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sweep chosen: set one up on the left and add it to the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the loaded model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved sweep {name}? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeachingViews</name>
    <message>
        <source>A budget sweep is using the model: click to watch it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved reply to replay yet: ask something first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export yet: this conversation is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Sweep {done}/{total}{more}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork needs a saved reply with thinking: ask something with thinking on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the model to finish, then fork.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This reply has one version. Regenerate it, fork its thinking or answer it with another model, then compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmolLM2 135M (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask something first: then another model can answer it too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no other model on this computer yet: add one in Models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer with another model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not there any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is answering; the model in use comes back after it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThinkTagsBox</name>
    <message>
        <source>Think tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example {tag}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a model Ponder does not know. Empty: the family&apos;s own tags. Used from the next load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThinkingPanel</name>
    <message>
        <source>Chain of thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the chain of thought (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s candidate answers in order: click one to find it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s thinking appears here while it works. Click an answer&apos;s “Thought for …” chip to see how it got there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork from here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new reply whose thinking continues from this point</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrajectoryMarks</name>
    <message>
        <source>Candidate answer: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed its mind: {before} → {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (after second thoughts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (after a &apos;{cue}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (after the fork&apos;s &apos;{cue}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (after Ponder&apos;s &apos;{cue}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers along the way: {answers}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · changed its mind {times}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · kept the same answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TurnRunner</name>
    <message>
        <source>The conversation database could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserMessageWidget</name>
    <message>
        <source>Edit this message and send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Ponder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ponder runs reasoning models on this computer, privately and offline. You see the model think in a panel beside its answer, and you decide how long it may think. First, pick a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at what this computer can run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the built-in demo model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SmolLM2 135M: tiny and not a real reasoner, but enough to see how Ponder works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a .gguf file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline (HF_HUB_OFFLINE is set), so Ponder cannot download models now. Import a .gguf file you already have, or bring a model pack on a USB stick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The best reasoner for this computer: &lt;b&gt;{model}&lt;/b&gt; ({quant}, {size} download) — {badge}.&lt;br&gt;&lt;small&gt;{summary}&lt;/small&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;None of the catalog&apos;s reasoners fits in this computer&apos;s memory. You can still try the demo model, or import a smaller .gguf.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
