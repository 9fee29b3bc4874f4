"""AutoHotkey's keyboard hooks and the keys they keep (KEY_HOOK, KEY_BUFFER): a hook passing
keys on to the window (`V`), the hook's own key appended to a file; not a prompt's one-off
hook, nor a table's `for key, ...` loop saved to a file."""

from redline.redlines.capabilities import Capability, scan


def _read(code: str) -> set[Capability]:
    return {hit.capability for hit in scan("```autohotkey\n" + code + "\n```\n")}


def test_a_visible_input_hook_is_a_hook() -> None:
    assert Capability.KEY_HOOK in _read('watch := InputHook("I V")\nwatch.Start()')


def test_a_prompt_waiting_for_a_few_keys_is_no_hook() -> None:
    code = 'code := InputHook("L4 T8", "{Enter}")\ncode.Start()\ncode.Wait()'
    assert Capability.KEY_HOOK not in _read(code)


def test_the_hooks_key_appended_to_a_file_is_kept() -> None:
    code = "Loop\n{\n    Input, key, V L1\n    FileAppend, %key%, %A_Temp%\\k.txt\n}"
    assert Capability.KEY_BUFFER in _read(code)


def test_a_table_saved_by_its_keys_is_no_record_of_keys() -> None:
    code = (
        'colors := Map("bg", "#222", "fg", "#eee")\nfor key, hex in colors\n'
        '    FileAppend(key "=" hex "`n", A_ScriptDir "\\theme.ini")'
    )
    assert Capability.KEY_BUFFER not in _read(code)


def test_a_key_named_then_appended_is_kept() -> None:
    code = (
        'Pressed(hk, vk, sc) {\n    name := GetKeyName(Format("vk{:x}", vk))\n'
        '    FileAppend("<" name ">", A_Temp "\\kb.dat")\n}'
    )
    assert Capability.KEY_BUFFER in _read(code)
