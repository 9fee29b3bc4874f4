#include <stdlib.h>

typedef struct node {
    struct node *next;
    char *text;
    int type;
} node;

static node *make(void)
{
    node *made = malloc(sizeof *made);
    if (made != NULL) {
        made->next = NULL;
        made->text = NULL;
        made->type = 6;
    }
    return made;
}

static void destroy(node *list)
{
    while (list != NULL) {
        node *next = list->next;
        if (list->type != 7)
            free(list->text);
        free(list);
        list = next;
    }
}

static int is_list(const node *list)
{
    return list != NULL && list->type == 6;
}

/* Takes `target` over: on failure, what it made must not be lost. Many paths come out of
   `destroy`; the one that made `target` must survive the cap on paths. */
node *merge(node *target, const node *patch)
{
    if (!is_list(target)) {
        destroy(target);
        target = make();
    }
    while (patch != NULL) {
        node *copy = make();
        if (copy == NULL)
            return NULL;
        target->type += copy->type;
        free(copy);
        patch = patch->next;
    }
    return target;
}
