#include <stdio.h>
int main(void) { puts("newsworker: under construction"); return 1; }
