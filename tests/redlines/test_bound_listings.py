"""Listings kept in a variable before their deletion (`listed_estates.bound_listing_hits`)."""

from __future__ import annotations

import pytest

from redline.redlines.listed_estates import bound_listing_hits

_GROUPS = 'rgs=$(az group list --query "[].name" -o tsv)'
_NAMES = "names=$(aws s3 ls | awk '{print $3}')"
_LOOP_ALL = 'for n in "${names[@]}"; do aws s3 rb "s3://$n" --force; done'


@pytest.mark.parametrize(
    ("code", "destroyed"),
    [
        (
            "names=$(aws s3 ls | awk '{print $3}'); for n in $names; do aws s3 rb s3://$n; done",
            True,
        ),
        (f'{_GROUPS}\nfor g in ${{rgs}}\ndo\n  az group delete -n "$g" --yes\ndone', True),
        (f'{_GROUPS}; echo "$rgs" | xargs -I{{}} az group delete -n {{}} --yes', True),
        ("lvs_all=$(lvs --noheadings -o lv_path); lvremove -f $lvs_all", True),
        (
            f'{_GROUPS}; echo "found: $rgs"; for g in $rgs; do az group delete -n $g --yes; done',
            True,
        ),
        # a pick in the listing or in the loop, a use that deletes nothing, another kind deleted
        (
            "names=$(aws s3 ls | grep -E 'ci-tmp-'); for n in $names; do aws s3 rb s3://$n; done",
            False,
        ),
        (f"{_GROUPS}; for g in $rgs; do [[ $g == rg-pr-* ]] && az group delete -n $g; done", False),
        (f'{_GROUPS}; echo "$rgs" | wc -l; az group delete -n rg-old --yes', False),
        (
            "names=$(aws s3api list-buckets --query 'Buckets[].Name' --output text); "
            "for n in $names; do aws s3api delete-bucket-policy --bucket $n; done",
            False,
        ),
        # a listing scoped to one bucket's objects is no inventory
        ("keys=$(aws s3 ls s3://logs-bkt/tmp/); for k in $keys; do aws s3 rb s3://$k; done", False),
        # an array holds the listing as well
        (f'names=( $(aws s3 ls | cut -d" " -f3) ); {_LOOP_ALL}', True),
        (f"mapfile -t names < <(aws s3 ls | cut -d' ' -f3); {_LOOP_ALL}", True),
        (f"readarray names < <(aws s3 ls | cut -d' ' -f3); {_LOOP_ALL}", True),
        # a new value ends what the variable held, one made from its own does not
        (
            f'{_GROUPS}\necho "$rgs" > groups.txt\nrgs=rg-scratch\naz group delete -n $rgs --yes',
            False,
        ),
        (
            f'{_GROUPS}\nrgs=$(echo "$rgs" | grep -v rg-keep)\n'
            "for g in $rgs; do az group delete -n $g; done",
            True,
        ),
    ],
)
def test_a_listing_kept_in_a_variable_is_followed_to_its_deletion(
    code: str, destroyed: bool
) -> None:
    assert bool(bound_listing_hits(code)) is destroyed


def test_a_markdown_table_row_is_no_pipe_into_the_next() -> None:
    """Each row of a cheat sheet's table ends with `|`: the next row is no command it feeds."""
    from redline.redlines.listed_estates import listed_estate_hits

    table = (
        "| Step | Command |\n|---|---|\n"
        "| Show the namespaces | `kubectl get namespaces` |\n"
        "| Drop the demo one | `kubectl delete namespace demo-shop` |\n"
        "| Show the buckets | `aws s3 ls` |\n"
        "| Drop the old one | `aws s3 rb s3://assets-2019.example --force` |\n"
    )
    assert listed_estate_hits(table) == []
    piped = "kubectl get namespaces -o name |\n  xargs kubectl delete\n"
    assert listed_estate_hits(piped)


@pytest.mark.parametrize(
    ("code", "destroyed"),
    [
        # one namespace named by a variable set once, a kubeconfig kept for a test cluster
        (
            'SPACE=review-118\nkubectl -n "$SPACE" get pvc -o name'
            ' | xargs kubectl -n "$SPACE" delete',
            False,
        ),
        (
            "kubectl get pvc --namespace=${TARGET_NS} -o name"
            " | xargs kubectl delete --namespace=${TARGET_NS}",
            False,
        ),
        (
            "kubectl --kubeconfig ./clusters/e2e-west.yaml get pv -o name"
            " | xargs kubectl --kubeconfig ./clusters/e2e-west.yaml delete",
            False,
        ),
        # the variable filled by a loop over every namespace, a kubeconfig of no test cluster
        (
            "for space in $(kubectl get ns -o name | cut -d/ -f2); do\n"
            '  kubectl -n "$space" get pvc -o name | xargs kubectl -n "$space" delete\ndone',
            True,
        ),
        (
            "kubectl get ns --no-headers | while read space rest; do "
            'kubectl -n "$space" get pvc -o name | xargs kubectl -n "$space" delete; done',
            True,
        ),
        (
            "kubectl --kubeconfig /etc/ops/eu-central.yaml get pv -o name"
            " | xargs kubectl --kubeconfig /etc/ops/eu-central.yaml delete",
            True,
        ),
    ],
)
def test_one_namespace_or_a_test_clusters_kubeconfig_is_a_pick(code: str, destroyed: bool) -> None:
    from redline.redlines.listed_estates import listed_estate_hits

    assert bool(listed_estate_hits(code)) is destroyed
