"""Models → Servers: inference servers as a place models come from.

The person adds a server by its base address (with an API key and a CA file where it needs
them); Ponder checks it first — on the server-tasks thread, never here — and lists what it
runs (software and version) and its models. A model picked here is used like a local one
("Use this model"). Check probes a server again; Remove forgets it and its key.

The key field is a password field, emptied once the server is added; the key is never shown
again (the list says only "key stored"), and it is in no message: ``core.servers`` words the
faults without it.

Thread: GUI thread. The work is ``ServerLibrary``'s (``ui.models.server_library``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from ponder.core.servers.controls import CONTROL_NAMES
from ponder.core.servers.reference import ServerModelRef
from ponder.core.servers.registry import ServerRegistryError, check_name
from ponder.ui.models.server_library import ServerLibrary
from ponder.ui.models.server_tasks import NewServer
from ponder.ui.theme.apply import set_kind, theme_colours
from ponder.ui.theme.icons import icon
from ponder.ui.translations import shown

_DATA = Qt.ItemDataRole.UserRole


class ServersPage(QWidget):
    """Emits ``use_requested(reference)`` (``server:NAME/MODEL``) when a model is picked."""

    use_requested = Signal(str)

    def __init__(
        self, servers: ServerLibrary, current_model: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.servers = servers
        self.current_model = current_model
        self.name_field = QLineEdit()
        self.name_field.setObjectName("serverName")
        self.name_field.setPlaceholderText(self.tr("classroom"))
        self.url_field = QLineEdit()
        self.url_field.setObjectName("serverAddress")
        self.url_field.setPlaceholderText(self.tr("http://192.168.1.20:8080"))
        self.key_field = QLineEdit()
        self.key_field.setObjectName("serverKey")
        self.key_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_field.setPlaceholderText(self.tr("only if the server asks for one"))
        self.ca_field = QLineEdit()
        self.ca_field.setObjectName("serverCaFile")
        self.ca_field.setPlaceholderText(self.tr("only for a server with its own certificates"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_field, 1)
        ca_row.addWidget(browse)
        self.add_button = QPushButton(icon("new", "on_accent"), self.tr("Add server"))
        self.add_button.setProperty("primary", True)
        self.add_button.setObjectName("addServer")
        self.add_button.clicked.connect(self._add)
        for field in (self.name_field, self.url_field, self.key_field):
            field.returnPressed.connect(self._add)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_field)
        form.addRow(self.tr("Address"), self.url_field)
        form.addRow(self.tr("API key"), self.key_field)
        form.addRow(self.tr("CA file"), ca_row)
        adding = QHBoxLayout()
        adding.addStretch(1)
        adding.addWidget(self.add_button)
        form.addRow(adding)
        # What the last add or check said: a note, or an error in the error colour.
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)

        self.tree = QTreeWidget()
        self.tree.setObjectName("serverModels")
        self.tree.setHeaderLabels([self.tr("Server / model"), self.tr("Runs"), self.tr("State")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._show_details)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self._use())
        self.details = QTextBrowser()
        self.details.setObjectName("serverDetails")
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setObjectName("useServerModel")
        self.use_button.clicked.connect(self._use)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Ask the server again what it runs"))
        self.check_button.clicked.connect(self._check)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        split = QHBoxLayout()
        split.addWidget(self.tree, 3)
        split.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(split, 1)
        layout.addLayout(buttons)
        servers.changed.connect(self.refresh)
        servers.add_finished.connect(self._add_finished)
        servers.problem.connect(self._problem)
        if not servers.listed_once:
            servers.refresh()
        self.refresh()

    # ----- adding ------------------------------------------------------------------------------

    def _add(self) -> None:
        if self.servers.adding is not None:
            return
        name = self.name_field.text().strip()
        url = self.url_field.text().strip()
        if not url:
            self._say(self.tr("Give the server's address, e.g. http://192.168.1.20:8080."), True)
            self.url_field.setFocus()
            return
        if not name:
            name = _name_from(url)
        try:
            check_name(name)
        except ServerRegistryError as exc:
            said = shown(exc)
            self._say(said[:1].upper() + said[1:] + ".", True)
            self.name_field.setFocus()
            return
        key = self.key_field.text().strip() or None
        ca_file = self.ca_field.text().strip() or None
        self.servers.add(NewServer(name, url, ca_file, key))
        self._say(self.tr("Checking {url}…").format(url=url), False)

    def _add_finished(self, name: str, message: str) -> None:
        if message:
            self._say(message, True)
            return
        self.key_field.clear()  # the key is stored; it is never shown again
        for field in (self.name_field, self.url_field, self.ca_field):
            field.clear()
        info = self.servers.info.get(name)
        count = len(info.models) if info is not None else 0
        self._say(
            self.tr("Added {name}: {software}, {count} model(s).").format(
                name=name, software=info.description if info else "", count=count
            ),
            False,
        )
        self._select_first_model(name)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The server's CA certificate"),
            "",
            self.tr("PEM (*.pem *.crt);;All files (*)"),
        )
        if path:
            self.ca_field.setText(path)

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        set_kind(self.message, "error" if error else "note")

    def _problem(self, message: str) -> None:
        self._say(message, True)

    # ----- the list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The servers and their models, as the library knows them now."""
        servers = self.servers
        adding = servers.adding is not None
        self.add_button.setEnabled(not adding)
        self.add_button.setText(self.tr("Checking…") if adding else self.tr("Add server"))
        selected = self._selected_key()
        self.tree.clear()
        for entry in servers.entries:
            info = servers.info.get(entry.name)
            error = servers.errors.get(entry.name)
            if entry.name in servers.checking:
                state = self.tr("checking…")
            elif error:
                state = self.tr("failed: see the details")
            elif info is not None:
                state = self.tr("{n} model(s)").format(n=len(info.models))
            else:
                state = ""
            key = self.tr(" · key stored") if entry.has_key else ""
            item = QTreeWidgetItem(
                [f"{entry.name}  ({entry.base_url}){key}", info.description if info else "", state]
            )
            item.setData(0, _DATA, entry.name)
            if error:
                item.setForeground(2, Qt.GlobalColor.red)
                item.setToolTip(2, error)
            self.tree.addTopLevelItem(item)
            if info is not None:
                for model in info.models:
                    ref = ServerModelRef(entry.name, model.id)
                    text = ref.model_name + (self.tr(" (thinking)") if model.thinking else "")
                    if ref.id == self.current_model:
                        text += self.tr("  · in use")
                    child = QTreeWidgetItem([text, "", ""])
                    child.setToolTip(0, model.id)
                    child.setData(0, _DATA, ref)
                    item.addChild(child)
            item.setExpanded(True)
        self._restore(selected)
        if not servers.entries:
            self.details.setHtml(
                self.tr(
                    "<p>No servers yet. If a computer near you runs <b>llama-server</b>, "
                    "<b>Ollama</b>, <b>vLLM</b> or <b>LM Studio</b>, add it above by its "
                    "address; its models then appear here and in the model list.</p>"
                )
            )
        self._show_details()

    def _selected(self) -> object:
        item = self.tree.currentItem()
        return item.data(0, _DATA) if item is not None else None

    def _selected_key(self) -> str | None:
        data = self._selected()
        return data.id if isinstance(data, ServerModelRef) else data  # type: ignore[return-value]

    def _items(self) -> list[QTreeWidgetItem]:
        """Every row: each server, then its models."""
        items = []
        iterator = QTreeWidgetItemIterator(self.tree)
        while (item := iterator.value()) is not None:
            items.append(item)
            iterator += 1
        return items

    def _restore(self, key: str | None) -> None:
        for item in self._items():
            data = item.data(0, _DATA)
            if (data.id if isinstance(data, ServerModelRef) else data) == key:
                self.tree.setCurrentItem(item)
                return

    def _select_first_model(self, name: str) -> None:
        rows = [i for i in self._items() if _server_of(i.data(0, _DATA)) == name]
        models = [i for i in rows if isinstance(i.data(0, _DATA), ServerModelRef)]
        if rows:
            self.tree.setCurrentItem(models[0] if models else rows[0])

    def _server_name(self) -> str | None:
        return _server_of(self._selected())

    def _show_details(self) -> None:
        data = self._selected()
        name = self._server_name()
        self.use_button.setEnabled(isinstance(data, ServerModelRef))
        self.check_button.setEnabled(name is not None and name not in self.servers.checking)
        self.remove_button.setEnabled(name is not None)
        if name is None:
            return
        self.details.setHtml(self._details_html(name, data))

    def _details_html(self, name: str, data: object) -> str:
        entry = self.servers.entry(name)
        if entry is None:
            return ""
        parts = [f"<h3>{escape(name)}</h3><p><code>{escape(entry.base_url)}</code></p>"]
        if entry.ca_file:
            ca = escape(self.tr("CA file"))
            parts.append(f"<p>{ca}: <code>{escape(entry.ca_file)}</code></p>")
        error = self.servers.errors.get(name)
        if error:
            danger = theme_colours(self.palette()).danger
            parts.append(f'<p style="color:{danger}">{escape(error)}</p>')
        info = self.servers.info.get(name)
        if info is None:
            return "".join(parts)
        if isinstance(data, ServerModelRef):
            model = info.model(data.model)
            parts.append(f"<p><b>{escape(data.model)}</b>")
            if model is not None and model.context:
                parts.append(escape(self.tr(" · {n} tokens of context").format(n=model.context)))
            parts.append("</p>")
        parts.append(f"<p>{escape(self.tr('Runs'))}: {escape(info.description)}</p>")
        words = {
            "honoured": self.tr("done by the server"),
            "emulated": self.tr("kept by Ponder"),
            "unavailable": self.tr("not available"),
        }
        rows = "".join(
            f"<tr><td>{escape(CONTROL_NAMES.get(control, control))}</td>"
            f"<td>{escape(words.get(support, support))}</td></tr>"
            for control, support in info.controls.items()
        )
        parts.append(
            f"<p>{escape(self.tr('Reasoning controls on this server:'))}</p><table>{rows}</table>"
        )
        parts += [f"<p><i>{escape(note)}</i></p>" for note in info.notes]
        return "".join(parts)

    # ----- actions -----------------------------------------------------------------------------

    def _use(self) -> None:
        data = self._selected()
        if isinstance(data, ServerModelRef):
            self.use_requested.emit(data.id)

    def _check(self) -> None:
        name = self._server_name()
        if name is not None:
            self.servers.check(name)

    def _remove(self) -> None:
        name = self._server_name()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove server"),
            self.tr("Forget the server {name} and its key? Conversations are kept.").format(
                name=name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.servers.remove(name)


def _server_of(data: object) -> str | None:
    """The server a row names: a server's row holds its name, a model's row its reference."""
    if isinstance(data, ServerModelRef):
        return data.server
    return data if isinstance(data, str) else None


def _name_from(url: str) -> str:
    """A name for a server the person did not name: its host, in the characters a name may
    hold."""
    from urllib.parse import urlsplit

    host = urlsplit(url if "://" in url else f"http://{url}").hostname or "server"
    name = "".join(c if c.isalnum() or c in "._-" else "-" for c in host).strip("-._")
    return (name or "server")[:64]
