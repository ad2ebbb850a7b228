; Inno Setup 6 script for mscreg: a per-user installer (no administrator rights) of the PyInstaller folder.
; Built by packaging/build_windows.ps1, which passes the version from the package metadata:
;     iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\mscreg /DIconFile=..\..\build\icons\org.mscreg.Mscreg.ico mscreg.iss
; IT can still install for all users: run the installer with /ALLUSERS from an elevated prompt.
; Silent install: mscreg-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES
; Silent uninstall keeps the user's database; add /PURGEUSERDATA to the uninstaller to remove it too.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (build_windows.ps1 reads it from the package metadata)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\mscreg"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\org.mscreg.Mscreg.ico"
#endif

[Setup]
; AppId identifies the product to Windows forever (upgrades, uninstall): never change it.
AppId={{910558F3-DD15-43E1-B818-3AE3097DFCEE}
AppName=mscreg
AppVersion={#AppVersion}
AppVerName=mscreg {#AppVersion}
AppPublisher=mscreg developers
VersionInfoVersion={#AppVersion}
; Per-user by default: {autopf} becomes %LOCALAPPDATA%\Programs, registry keys go to HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
DefaultDirName={autopf}\mscreg
DefaultGroupName=mscreg
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\mscreg.exe
SetupIconFile={#IconFile}
OutputDir=..\..\dist
OutputBaseFilename=mscreg-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
; Refuse to install over a running mscreg (its files would be locked).
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships no official Simplified Chinese file; add "compiler:Languages\ChineseSimplified.isl"
; (from the Inno Setup translations page) here when it is installed on the build machine.

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\mscreg"; Filename: "{app}\mscreg.exe"; Comment: "Track MSC products through regulatory pathways"
Name: "{autodesktop}\mscreg"; Filename: "{app}\mscreg.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; .mscreg backup files open in mscreg.  HKA = HKCU for a per-user install, HKLM for /ALLUSERS.
Root: HKA; Subkey: "Software\Classes\.mscreg"; ValueType: string; ValueName: ""; ValueData: "mscreg.backup"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mscreg\OpenWithProgids"; ValueType: string; ValueName: "mscreg.backup"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\mscreg.backup"; ValueType: string; ValueName: ""; ValueData: "mscreg backup"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\mscreg.backup\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\mscreg.exe,0"
; Opens the file as the database in the window (mscreg --db FILE); see packaging/README.md.
Root: HKA; Subkey: "Software\Classes\mscreg.backup\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\mscreg.exe"" --db ""%1"""

[Run]
Filename: "{app}\mscreg.exe"; Description: "{cm:LaunchProgram,mscreg}"; Flags: nowait postinstall skipifsilent

[Code]
{ User data is never removed silently: databases, backups and logs are in %LOCALAPPDATA%\mscreg,
  settings in %APPDATA%\mscreg.  An interactive uninstall asks (default: keep); a silent one keeps
  them unless /PURGEUSERDATA is on the uninstaller's command line. }
function ShouldPurgeUserData(): Boolean;
var
  i: Integer;
begin
  Result := False;
  for i := 1 to ParamCount do
    if CompareText(ParamStr(i), '/PURGEUSERDATA') = 0 then
      Result := True;
  if (not Result) and (not UninstallSilent) then
    Result := MsgBox('Also delete your mscreg databases, backups, logs and settings?' + #13#10 +
                     '(' + ExpandConstant('{localappdata}\mscreg') + ')' + #13#10#13#10 +
                     'Choose No to keep them for a later installation.',
                     mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    if ShouldPurgeUserData() then
    begin
      DelTree(ExpandConstant('{localappdata}\mscreg'), True, True, True);
      DelTree(ExpandConstant('{userappdata}\mscreg'), True, True, True);
    end;
end;
