"""The program language: parsing, canonical printing, model tokens and type checking."""

import pytest

from arc_kernel.dsl.errors import ParseError, TypeCheckError
from arc_kernel.language import check, parse, print_program, program_tokens, tokens_to_text
from arc_kernel.language.syntax import (
    MAX_NESTING, Call, Const, Ref, Var, count_symbols, inline, print_expression, program_size,
)

PROGRAM = "x1 = objects_4(I)\nO = crop_to_object(I, argmax_by(x1, size))"


def test_parse_builds_calls_variables_and_function_references():
    program = parse(PROGRAM)
    assert [line.target for line in program.lines] == ["x1", "O"]
    crop = program.lines[1].expression
    assert crop == Call("crop_to_object", (Var("I"), Call("argmax_by", (Var("x1"), Ref("size")))))


def test_printing_is_canonical_and_round_trips():
    messy = "# pick the biggest\nx1 =objects_4( I )\n\nO = crop_to_object(I,argmax_by(x1 , size))  # crop\n"
    assert print_program(parse(messy)) == PROGRAM
    assert parse(print_program(parse(messy))) == parse(messy)


def test_colour_map_literals_print_sorted():
    program = parse("O = apply_color_map(I, {3:4, 1: 2})")
    assert print_program(program) == "O = apply_color_map(I, {1: 2, 3: 4})"


def test_model_tokens_hold_each_name_as_one_token_and_join_back():
    program = parse(PROGRAM)
    tokens = program_tokens(program)
    assert "crop_to_object" in tokens and "argmax_by" in tokens
    assert tokens_to_text(tokens) == PROGRAM


def test_symbols_count_names_variables_and_constants_only():
    assert count_symbols(parse("O = upscale(I, 3)")) == 4  # O, upscale, I, 3


def test_program_size_counts_each_operation_once_however_lines_are_split():
    assert program_size(parse("O = upscale(I, 3)")) == 3  # upscale, I, 3
    two_lines = parse("x1 = rotate_90(I)\nO = upscale(x1, 3)")
    assert program_size(two_lines) == program_size(parse("O = upscale(rotate_90(I), 3)")) == 4


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("O = rotate_90(I", 1, 15),  # unclosed call
        ("O = no_such_primitive(I)", 1, 5),
        ("x1 = rotate_90(I)\nO = upscale(x1, 99)", 2, 17),  # huge constant
        ("O = rotate_90(I) extra", 1, 18),
        ("I = rotate_90(I)", 1, 1),  # the input cannot be reassigned
        ("O = rotate_90(I); import os", 1, 17),
        ("O = __import__(I)", 1, 5),
        ("", 1, 1),
        ("x1 = rotate_90(I)", 1, 1),  # the last line must assign O
        ("O = apply_color_map(I, {1: 12})", 1, 28),
        ("O = apply_color_map(I, {31: 1})", 1, 25),
    ],
)
def test_parse_errors_name_line_and_column(text, line, column):
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.column) == (line, column)


def test_nesting_is_capped():
    text = "O = " + "rotate_90(" * (MAX_NESTING + 1) + "I" + ")" * (MAX_NESTING + 1)
    with pytest.raises(ParseError, match="nested deeper"):
        parse(text)


def test_type_checker_returns_variable_types():
    assert check(parse(PROGRAM)) == {"I": "Grid", "x1": "Objects", "O": "Grid"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("O = upscale(I, I)", "must be Int, got Grid"),
        ("O = rotate_90(I, I)", "takes 1 arguments"),
        ("O = rotate_90(x7)", "used before it is assigned"),
        ("x1 = rotate_90(I)\nx1 = rotate_90(x1)\nO = x1", "assigned twice"),
        ("O = size(largest(objects_4(I)))", "O must be a Grid"),
        ("O = argmax_by(objects_4(I), rotate_90)", "must be Object->Int"),
        ("O = upscale(I, size)", "not the function size"),
    ],
)
def test_type_errors_are_reported(text, message):
    with pytest.raises(TypeCheckError, match=message):
        check(parse(text))


def test_colour_literals_are_colours_and_larger_integers_are_ints():
    assert check(parse("O = replace_color(I, 1, 2)"))["O"] == "Grid"
    with pytest.raises(TypeCheckError, match="must be Color, got Int"):
        check(parse("O = replace_color(I, 1, 12)"))
    assert isinstance(parse("O = upscale(I, 12)").lines[0].expression.args[1], Const)


def test_inline_writes_a_variable_as_one_expression_over_the_input():
    program = parse("x1 = objects_4(I)\nx2 = argmax_by(x1, size)\nO = crop_to_object(I, x2)")
    assert print_expression(inline(program, "x2")) == "argmax_by(objects_4(I), size)"
    assert print_expression(inline(program, "O")) == "crop_to_object(I, argmax_by(objects_4(I), size))"
