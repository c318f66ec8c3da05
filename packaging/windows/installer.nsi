; The SIGAP installer for Windows 10/11: per-user (no admin rights), into
; %LOCALAPPDATA%\Programs\SIGAP, Indonesian and English, Start-menu shortcuts, an uninstaller.
; Built by scripts/package.sh:  makensis -INPUTCHARSET UTF8 -DVERSION=… -DSTAGE=<portable folder> -DOUTFILE=…
; The installed copy is not portable: results go to %LOCALAPPDATA%\SIGAP\results and settings to
; %APPDATA%\SIGAP, which the uninstaller leaves alone (they are the workshop's results).
Unicode true
Target amd64-unicode          ; a 64-bit installer: runs where only 64-bit Windows (or wine64) is
SetCompressor /SOLID lzma
RequestExecutionLevel user
!include "MUI2.nsh"

Name "SIGAP ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\SIGAP"
InstallDirRegKey HKCU "Software\SIGAP" "InstallDir"
BrandingText "SIGAP ${VERSION}"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SIGAP"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\sigap.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"   ; the first language is the default
!insertmacro MUI_LANGUAGE "English"

LangString FacilitatorShortcut ${LANG_INDONESIAN} "SIGAP — Fasilitator"
LangString FacilitatorShortcut ${LANG_ENGLISH} "SIGAP — Fasilitator"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "SIGAP"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}/sigap.exe"
  File "${STAGE}/sigap.com"
  File "${STAGE}/BACA-SAYA.txt"
  File "${STAGE}/README.txt"
  File "${STAGE}/THIRD-PARTY-LICENCES.txt"
  File /r "${STAGE}/scenarios"
  File /r "${STAGE}/assets"
  File /r "${STAGE}/fonts"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\SIGAP"
  CreateShortcut "$SMPROGRAMS\SIGAP\SIGAP.lnk" "$INSTDIR\sigap.exe"
  CreateShortcut "$SMPROGRAMS\SIGAP\$(FacilitatorShortcut).lnk" "$INSTDIR\sigap.exe" "--facilitator"

  WriteRegStr HKCU "Software\SIGAP" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "SIGAP ${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "SIGAP"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\sigap.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\SIGAP\SIGAP.lnk"
  Delete "$SMPROGRAMS\SIGAP\SIGAP — Fasilitator.lnk"
  RMDir "$SMPROGRAMS\SIGAP"
  Delete "$INSTDIR\sigap.exe"
  Delete "$INSTDIR\sigap.com"
  Delete "$INSTDIR\BACA-SAYA.txt"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\THIRD-PARTY-LICENCES.txt"
  RMDir /r "$INSTDIR\scenarios"
  RMDir /r "$INSTDIR\assets"
  RMDir /r "$INSTDIR\fonts"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"                ; only when empty: anything the user put there stays
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\SIGAP"
SectionEnd
