# Bash completion for samverkan: commands, each command's options, the
# views of render and each command's formats (both read from its --help),
# the rule names for explain and --rule, and files. Plain bash: no extglob,
# no bash-completion library; candidates are read one a line (mapfile), so
# that a file name with spaces stays one candidate, and files are offered
# with `compopt -o filenames`, so that readline quotes them.
# Installed as share/bash-completion/completions/samverkan.

# COMPREPLY from the lines of compgen's output
_samverkan_reply()
{
    mapfile -t COMPREPLY < <(compgen "$@")
}

_samverkan()
{
    local cur prev words cword
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    # --format=json: bash splits the word at '=' (COMP_WORDBREAKS)
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
    # the commands as samverkan --help lists them
    local commands
    commands=$(samverkan --lang en --help 2>/dev/null |
               awk '/^commands:$/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {exit}')
    local command="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --lang) ((i++)) ;;
            -*) ;;
            *) command=${COMP_WORDS[i]}; break ;;
        esac
    done

    case $prev in
        --lang) _samverkan_reply -W "sv en" -- "$cur"; return ;;
        --format|-f)
            # the formats as the command's --help lists them ("--format text|json|...")
            local formats
            formats=$(samverkan --lang en "${command:-check}" --help 2>/dev/null |
                      sed -n 's/.*--format \([a-z0-9|]*\).*/\1/p' | head -n 1 | tr '|' ' ')
            _samverkan_reply -W "$formats" -- "$cur"
            return ;;
        --lanes) _samverkan_reply -W "party unit" -- "$cur"; return ;;
        --fail-on) _samverkan_reply -W "error warning note never" -- "$cur"; return ;;
        --csv-dialect) _samverkan_reply -W "excel rfc4180" -- "$cur"; return ;;
        --color) _samverkan_reply -W "auto always never" -- "$cur"; return ;;
        --view)
            # the views as render --help lists them ("process:ID" offers "process:")
            local views
            views=$(samverkan --lang en render --help 2>/dev/null |
                    sed -n '/^views:$/,$p' | awk 'NR > 1 {sub(/ID$/, "", $1); print $1}')
            _samverkan_reply -W "$views" -- "$cur"
            compopt -o nospace 2>/dev/null
            return ;;
        --rule)
            local rules
            rules=$(samverkan rules 2>/dev/null | awk 'NR > 1 {print $1 "="}')
            _samverkan_reply -W "$rules" -- "$cur"
            compopt -o nospace 2>/dev/null
            return ;;
        -o|--output|--config|--audit|--trace|--plot|--scenario)
            compopt -o filenames 2>/dev/null
            _samverkan_reply -f -- "$cur"
            return ;;
        --year|--months|--warmup|--runs|--seed|--max-file-size|--max-depth|--max-nodes|--without|--timeout|--focus|--max-warnings|--max-output-size|--stdin-filename|--base-uri)
            return ;;
    esac

    if [[ -z $command ]]; then
        _samverkan_reply -W "$commands --lang --help --version" -- "$cur"
        return
    fi
    if [[ $cur == -* ]]; then
        local options
        options=$(samverkan "$command" --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)
        _samverkan_reply -W "$options" -- "$cur"
        return
    fi
    if [[ $command == explain ]]; then
        _samverkan_reply -W "$(samverkan rules 2>/dev/null | awk 'NR > 1 {print $1}')" -- "$cur"
        return
    fi
    if [[ $command == help ]]; then
        _samverkan_reply -W "$commands" -- "$cur"
        return
    fi
    # models (*.yaml, *.yml) and folders; two plain patterns rather than
    # the extglob *.@(yaml|yml), which needs `shopt -s extglob`
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <({ compgen -f -X '!*.yaml' -- "$cur"; compgen -f -X '!*.yml' -- "$cur"
                               compgen -d -- "$cur"; } | LC_ALL=C sort -u)
}

complete -F _samverkan samverkan
