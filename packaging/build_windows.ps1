# Build the Windows bundle and installer: dist\mscreg\ (mscreg.exe for the window, mscreg-cli.exe for
# the command line) and dist\mscreg-<version>-setup.exe (Inno Setup, per-user, no admin rights).
#
# Usage (PowerShell, from anywhere):  powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs: Python 3.11+ (py launcher or python on PATH), Inno Setup 6.3+ (iscc.exe on PATH or in the
# default folder).  Env: MSCREG_PACK_VENV (default build\pack-venv), ISCC (path to iscc.exe).
# Signing is a separate, documented step (packaging/README.md): this script never sees a certificate.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$Venv = if ($env:MSCREG_PACK_VENV) { $env:MSCREG_PACK_VENV } else { "build\pack-venv" }
$Py = "$Venv\Scripts\python.exe"

Write-Host "== build venv: $Venv"
if (-not (Test-Path $Py)) { py -3 -m venv $Venv; if ($LASTEXITCODE) { python -m venv $Venv } }
& $Py -m pip install -q --disable-pip-version-check -c constraints.txt -c packaging\pack-constraints.txt -e . pyinstaller
if ($LASTEXITCODE) { throw "pip install failed" }

Write-Host "== icons"
& $Py packaging\make_icons.py build\icons
if ($LASTEXITCODE) { throw "make_icons failed" }

Write-Host "== pyinstaller"
if (Test-Path dist\mscreg) { Remove-Item -Recurse -Force dist\mscreg }
& "$Venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\mscreg.spec
if ($LASTEXITCODE) { throw "pyinstaller failed" }

Write-Host "== smoke test"
$env:QT_QPA_PLATFORM = "offscreen"
& dist\mscreg\mscreg-cli.exe --version
if ($LASTEXITCODE) { throw "mscreg-cli --version failed" }
Remove-Item Env:QT_QPA_PLATFORM

$Version = & $Py -c "from importlib.metadata import version; print(version('mscreg'))"
$Iscc = if ($env:ISCC) { $env:ISCC } elseif (Get-Command iscc.exe -ErrorAction SilentlyContinue) { "iscc.exe" } `
        else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
Write-Host "== installer (Inno Setup, version $Version)"
& $Iscc /Qp "/DAppVersion=$Version" "/DSourceDir=..\..\dist\mscreg" "/DIconFile=..\..\build\icons\org.mscreg.Mscreg.ico" packaging\windows\mscreg.iss
if ($LASTEXITCODE) { throw "iscc failed" }
Write-Host "built dist\mscreg and dist\mscreg-$Version-setup.exe (unsigned: see packaging\README.md, Signing)"
