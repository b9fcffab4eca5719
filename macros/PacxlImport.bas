Attribute VB_Name = "PacxlImport"
' pacxl: import finance's files into this PAC workbook (budget, actuals, customers), and the CRM's deals.
' Needs the xlwings add-in (or the xlwings VBA module) and `pip install pacxl` on this computer.
' Each macro lets the user pick a file, then asks Python (pacxl.macros) to read, check and write it.
' Nothing is written when the file has an error: pacxl shows the file, line, column and value.
Option Explicit

Private Const PICK_FILTER As String = "Fichiers CSV ou Excel (*.csv;*.txt;*.xlsx;*.xlsm;*.xls;*.ods),*.csv;*.txt;*.xlsx;*.xlsm;*.xls;*.ods"

Public Sub PacxlImportBudget()
    RunImport "budget"
End Sub

Public Sub PacxlImportActuals()
    RunImport "actuals"
End Sub

Public Sub PacxlImportCustomers()
    RunImport "customers"
End Sub

Public Sub PacxlImportPipeline()
    RunImport "pipeline"
End Sub

Private Sub RunImport(ByVal kind As String)
    Dim picked As Variant
    On Error GoTo Fail
    picked = Application.GetOpenFilename(PICK_FILTER, 1, "pacxl : fichier " & ChrW(224) & " importer (" & kind & ")")
    If VarType(picked) = vbBoolean Then Exit Sub   ' the user cancelled
    ' Python reads the chosen path from this hidden name (RunPython takes no arguments).
    ThisWorkbook.Names.Add Name:="PAC_ImportFile", RefersTo:="=""" & Replace(CStr(picked), """", """""") & """", Visible:=False
    Select Case kind
        Case "budget"
            RunPython "import pacxl.macros; pacxl.macros.import_budget()"
        Case "actuals"
            RunPython "import pacxl.macros; pacxl.macros.import_actuals()"
        Case "customers"
            RunPython "import pacxl.macros; pacxl.macros.import_customers()"
        Case "pipeline"
            RunPython "import pacxl.macros; pacxl.macros.import_pipeline()"
    End Select
    Exit Sub
Fail:
    MsgBox "L'import n'a pas pu " & ChrW(234) & "tre lanc" & ChrW(233) & " : " & Err.Description & vbCrLf & _
           "V" & ChrW(233) & "rifiez que xlwings et pacxl sont install" & ChrW(233) & "s (voir macros/README.md).", vbExclamation, "pacxl"
End Sub
