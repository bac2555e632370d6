# Bash completion for samverkan: commands, each command's options, the
# views of render and each command's formats (both read from its --help),
# the rule names for explain and --rule, and files.
# Installed as share/bash-completion/completions/samverkan.

_samverkan()
{
    local cur prev words cword
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
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
        --lang) COMPREPLY=($(compgen -W "sv en" -- "$cur")); return ;;
        --format|-f)
            # the formats as the command's --help lists them ("--format text|json|...")
            local formats
            formats=$(samverkan --lang en "${command:-check}" --help 2>/dev/null |
                      sed -n 's/.*--format \([a-z0-9|]*\).*/\1/p' | head -n 1 | tr '|' ' ')
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return ;;
        --lanes) COMPREPLY=($(compgen -W "party unit" -- "$cur")); return ;;
        --fail-on) COMPREPLY=($(compgen -W "error warning note never" -- "$cur")); return ;;
        --csv-dialect) COMPREPLY=($(compgen -W "excel rfc4180" -- "$cur")); return ;;
        --view)
            # the views as render --help lists them ("process:ID" offers "process:")
            local views
            views=$(samverkan --lang en render --help 2>/dev/null |
                    sed -n '/^views:$/,$p' | awk 'NR > 1 {sub(/ID$/, "", $1); print $1}')
            COMPREPLY=($(compgen -W "$views" -- "$cur"))
            compopt -o nospace 2>/dev/null
            return ;;
        --rule)
            local rules
            rules=$(samverkan rules 2>/dev/null | awk 'NR > 1 {print $1 "="}')
            COMPREPLY=($(compgen -W "$rules" -- "$cur"))
            compopt -o nospace 2>/dev/null
            return ;;
        -o|--config|--trace|--plot|--scenario)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        --year|--months|--warmup|--runs|--seed|--max-file-size|--max-depth|--max-nodes|--without|--timeout|--focus)
            return ;;
    esac

    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$commands --lang --help --version" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local options
        options=$(samverkan "$command" --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    if [[ $command == explain ]]; then
        COMPREPLY=($(compgen -W "$(samverkan rules 2>/dev/null | awk 'NR > 1 {print $1}')" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
}

complete -F _samverkan samverkan
