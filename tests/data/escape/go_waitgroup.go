package main

import "sync"

type Acc struct{ sum int }

func main() {
	var wg sync.WaitGroup
	a := &Acc{}
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(k int) {
			a.sum += k
			wg.Done()
		}(i)
	}
	wg.Wait()
	println(a.sum)
}
