; Inno Setup script for Ponder on Windows: a per-user install (no administrator rights),
; a Start menu entry, and an uninstaller that keeps the user's data unless asked.
; Build (on Windows, after `pyinstaller packaging\ponder.spec` made dist\ponder):
;   iscc /DAppVersion=0.1.0 packaging\windows\ponder.iss
; The installer lands in dist\ponder-<version>-setup.exe.
;
; User data (conversations, settings, downloaded models) lives in %LOCALAPPDATA%\Ponder
; (platformdirs), never under {app}; upgrades replace {app} only.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0F4A52-3C1E-4E0B-9A8E-5D1C7F2B9E41}
AppName=Ponder
AppVersion={#AppVersion}
AppVerName=Ponder {#AppVersion}
AppPublisher=Ponder
DefaultDirName={localappdata}\Programs\Ponder
DefaultGroupName=Ponder
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ponder-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\ponder.ico
UninstallDisplayIcon={app}\ponder.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\ponder\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not mix old and new native libraries.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Ponder"; Filename: "{app}\ponder.exe"; IconFilename: "{app}\ponder.exe"
Name: "{group}\Uninstall Ponder"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Ponder"; Filename: "{app}\ponder.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ponder.exe"; Description: "{cm:LaunchProgram,Ponder}"; Flags: nowait postinstall skipifsilent

[Code]
// The uninstaller removes the program; the user's conversations, settings and models are
// kept unless the user says otherwise (silent uninstalls always keep them).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    if MsgBox('Also delete your Ponder conversations, settings and downloaded models?' + #13#10 +
              'Choose No to keep them for a later installation.',
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
    begin
      // platformdirs("Ponder", appauthor=False) on Windows: config, data, cache and logs
      // all live under %LOCALAPPDATA%\Ponder.
      DelTree(ExpandConstant('{localappdata}\Ponder'), True, True, True);
    end;
  end;
end;
